using Distill.Teachers.Dictionary;

namespace Distill.Tests.Teachers.Dictionary;

public class OboReaderTests
{
    [Fact]
    public void Reads_terms_synonyms_scopes_and_obsolete_flags_and_skips_typedefs()
    {
        var terms = OboReader.Read(TeacherTestData.File("mini.obo"));
        Assert.Equal(["DOID:1612", "DOID:9562", "DOID:4", "DOID:0000001"], terms.Select(t => t.Id));
        var breast = terms[0];
        Assert.Equal("breast cancer", breast.Name);
        Assert.Equal(new OboSynonym("mammary cancer", SynonymScope.Exact), breast.Synonyms[0]);
        Assert.Equal(SynonymScope.Related, breast.Synonyms[1].Scope);
        Assert.True(terms[3].IsObsolete);
        Assert.False(breast.IsObsolete);
    }

    [Fact]
    public void Unescapes_quotes_in_synonyms()
    {
        var terms = OboReader.Read(new StringReader("[Term]\nid: X:1\nname: x\nsynonym: \"the \\\"odd\\\" one\" EXACT []\n"), "inline");
        Assert.Equal("the \"odd\" one", terms[0].Synonyms[0].Text);
    }

    [Fact]
    public void A_term_without_a_name_is_an_error_naming_the_source_and_line()
    {
        var error = Assert.Throws<InvalidDataException>(() => OboReader.Read(new StringReader("format-version: 1.2\n\n[Term]\nid: X:1\n"), "bad.obo"));
        Assert.Contains("bad.obo:3", error.Message);
        Assert.Contains("X:1", error.Message);
    }

    [Fact]
    public void Reads_the_shipped_ontologies()
    {
        var doid = OboReader.Read(Distill.Corpora.RepositoryData.Path("disease-ontology", "doid.obo"));
        var symp = OboReader.Read(Distill.Corpora.RepositoryData.Path("symptom-ontology", "symp.obo"));
        Assert.Equal(9344, doid.Count);   // as stated in the data's PROVENANCE.md
        Assert.Equal(1020, symp.Count);
        Assert.Contains(doid, t => t.Name == "breast cancer" && t.Synonyms.Any(s => s.Text == "mammary cancer"));
    }
}
