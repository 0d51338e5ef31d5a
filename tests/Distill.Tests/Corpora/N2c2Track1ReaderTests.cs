using Distill.Corpora;

namespace Distill.Tests.Corpora;

public sealed class N2c2Track1ReaderTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("distill-track1-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Patients_load_with_text_and_thirteen_criteria()
    {
        var patients = N2c2Track1Reader.ReadDirectoryAsync(CorpusTestData.Path("n2c2-2018-track1")).ToBlockingEnumerable().ToList();

        Assert.Equal(["100", "101"], patients.Select(p => p.Document.Id));
        Assert.StartsWith("\nRecord date: 2090-01-01\nSYNTHETIC NOTE.", patients[0].Document.Text);
        Assert.Contains("creatinine 2.1 <high>.", patients[1].Document.Text);
        Assert.All(patients, p => Assert.Equal(13, p.Criteria.Count));
        Assert.True(patients[0].Criteria["HBA1C"]);
        Assert.False(patients[0].Criteria["ABDOMINAL"]);
        Assert.True(patients[1].Criteria["ENGLISH"]); // written met=" Met ": trimmed and lower-cased as the scorer does
        Assert.Equal("met", patients[1].Document.Metadata["criterion.ASP-FOR-MI"]);
    }

    [Fact]
    public void Missing_criterion_is_an_error_naming_the_file()
    {
        var ex = Assert.Throws<CorpusFormatException>(() =>
            N2c2Track1Reader.ReadDirectoryAsync(CorpusTestData.Path("n2c2-2018-track1-bad")).ToBlockingEnumerable().ToList());

        Assert.EndsWith("200.xml", ex.File);
        Assert.Contains("lacks criteria HBA1C", ex.Message);
    }

    [Theory]
    [InlineData("<PatientMatching><TEXT>x</TEXT><TAGS>\n<ABDOMINAL met=\"maybe\" /></TAGS></PatientMatching>", 2, "expected \"met\" or \"not met\"")]
    [InlineData("<PatientMatching>\n<TEXT>x</TEXT>\n<TAGS>\n</PatientMatching>", 4, "not well-formed XML")]
    [InlineData("<Other/>", 1, "expected <PatientMatching>")]
    public async Task Bad_xml_names_file_and_line(string xml, int line, string expected)
    {
        var path = Path.Combine(dir, "1.xml");
        await File.WriteAllTextAsync(path, xml);

        var ex = await Assert.ThrowsAsync<CorpusFormatException>(() => N2c2Track1Reader.ReadAsync(path));

        Assert.Equal(line, ex.Line);
        Assert.Contains(expected, ex.Message);
    }
}
