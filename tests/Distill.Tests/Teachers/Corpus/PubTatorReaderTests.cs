using Distill.Teachers.Corpus;

namespace Distill.Tests.Teachers.Corpus;

public class PubTatorReaderTests
{
    [Fact]
    public void Reads_title_abstract_and_mentions_with_checked_offsets()
    {
        var documents = PubTatorReader.Read(TeacherTestData.File("ncbi-sample.txt"));
        var first = documents[0];
        Assert.Equal("9949209", first.Id);
        Assert.StartsWith("Genetic mapping of the copper toxicosis locus", first.Text);
        var span = first.Spans[0];
        Assert.Equal((23, 39, "copper toxicosis", "disease", "Modifier"), (span.Start, span.End, span.Text, span.Type, span.SourceType));
        Assert.All(documents, d => Assert.NotEmpty(d.Spans));
    }

    [Fact]
    public void A_malformed_annotation_line_names_the_file_and_line()
    {
        var path = Path.Combine(TeacherTestData.TempFolder(), "bad.txt");
        File.WriteAllText(path, "1|t|Title\n1|a|Abstract\n1\tx\t3\tTit\tDiseaseClass\tD1\n");
        var error = Assert.Throws<InvalidDataException>(() => PubTatorReader.Read(path));
        Assert.Contains("bad.txt:3", error.Message);
    }
}
