using Distill.Reporting;

namespace Distill.Tests.Reporting;

public class CsvFormatTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("", "")]
    public void Quotes_only_fields_that_need_it(string value, string expected) => Assert.Equal(expected, CsvFormat.Field(value));

    [Fact]
    public void Rows_end_with_CRLF_and_parse_back()
    {
        var rows = new[] { new[] { "a", "b,c" }, new[] { "\"q\"", "x\r\ny" } };
        var csv = CsvFormat.Write(rows);
        Assert.Equal("a,\"b,c\"\r\n\"\"\"q\"\"\",\"x\r\ny\"\r\n", csv);
        Assert.Equal(rows.Select(r => r.ToList()), CsvFormat.Parse(csv));
    }
}
