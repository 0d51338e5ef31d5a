using Distill.Reporting;
using Microsoft.Data.Analysis;

namespace Distill.Tests.Reporting;

public sealed class TableRenderingTests
{
    [Fact]
    public void A_csv_table_reads_back_with_its_columns_numbers_nulls_and_quoted_text()
    {
        var frame = new DataFrame(
            new StringDataFrameColumn("teachers", ["dictionary+mesh", "mesh"]),
            new DoubleDataFrameColumn("f1", [0.8123456789, 0.5]),
            new Int32DataFrameColumn("size", [2, 1]),
            new DoubleDataFrameColumn("dev_loss", [null, 1.25]),
            new StringDataFrameColumn("why", ["best, and \"cheapest\"", "line one\nline two"]));

        var back = TableRendering.FromCsv(TableRendering.ToCsv(frame));

        Assert.Equal(["teachers", "f1", "size", "dev_loss", "why"], back.Columns.Select(c => c.Name));
        Assert.Equal(2, back.Rows.Count);
        Assert.IsType<StringDataFrameColumn>(back["teachers"]);
        Assert.Equal(0.8123456789, (double)back["f1"][0]!);
        Assert.Equal(2.0, (double)back["size"][0]!);
        Assert.Null(back["dev_loss"][0]);
        Assert.Equal(1.25, (double)back["dev_loss"][1]!);
        Assert.Equal("best, and \"cheapest\"", back["why"][0]);
        Assert.Equal("line one\nline two", back["why"][1]);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_fields_is_refused()
    {
        var e = Assert.Throws<InvalidDataException>(() => TableRendering.FromCsv("a,b\r\n1,2,3\r\n"));
        Assert.Contains("3 fields", e.Message);
        Assert.Throws<InvalidDataException>(() => TableRendering.FromCsv(""));
    }
}
