using Distill.Reporting;
using Microsoft.Data.Analysis;

namespace Distill.Tests.Reporting;

public class RecordTableTests
{
    sealed record Row(string Name, int Count, double Score, double? Maybe, bool Flag);

    [Fact]
    public void Columns_follow_properties_in_order_with_their_types()
    {
        var frame = RecordTable.From([new Row("a", 2, 0.5, null, true), new Row("b|c", 3, 0.25, 1.5, false)]);
        Assert.Equal(["name", "count", "score", "maybe", "flag"], frame.Columns.Select(c => c.Name));
        Assert.IsType<StringDataFrameColumn>(frame.Columns["name"]);
        Assert.IsType<Int64DataFrameColumn>(frame.Columns["count"]);
        Assert.IsType<DoubleDataFrameColumn>(frame.Columns["score"]);
        Assert.Null(frame.Columns["maybe"][0]);
        Assert.Equal(2L, frame.Rows.Count);
    }

    [Fact]
    public void Renders_markdown_csv_and_html()
    {
        var frame = RecordTable.From([new Row("a", 2, 0.5, null, true), new Row("b|<c>", 3, 1.0 / 3, 1.5, false)]);
        Assert.Equal(
            "| name | count | score | maybe | flag |\n" +
            "| --- | ---: | ---: | ---: | --- |\n" +
            "| a | 2 | 0.500 |  | True |\n" +
            "| b\\|<c> | 3 | 0.333 | 1.500 | False |\n",
            TableRendering.ToMarkdown(frame));
        Assert.Equal("name,count,score,maybe,flag\r\na,2,0.5,,True\r\nb|<c>,3,0.3333333333333333,1.5,False\r\n", TableRendering.ToCsv(frame));
        var html = TableRendering.ToHtml(frame, caption: "x & y");
        Assert.Contains("<caption>x &amp; y</caption>", html);
        Assert.Contains("<td>b|&lt;c&gt;</td>", html);
        Assert.Contains("<td style=\"text-align:right\">0.333</td>", html);
        var tiny = RecordTable.From([new Row("c", 1, 0.00001234, 0, false)]);
        Assert.Contains("| 1.23E-5 | 0.000 |", TableRendering.ToMarkdown(tiny));
    }
}
