using Distill.Teachers.Dictionary;

namespace Distill.Tests.Teachers.Dictionary;

public class DrugVocabularyReaderTests
{
    [Fact]
    public void Reads_quoted_fields_with_commas_and_doubled_quotes()
    {
        var drugs = DrugVocabularyReader.Read(TeacherTestData.File("mini-drugs.csv"));
        Assert.Equal(2, drugs.Count);
        Assert.Equal("DB00001", drugs[0].DrugBankId);
        Assert.Equal("[Leu1, Thr2]-63-desulfohirudin", drugs[0].Synonyms[0]);
        Assert.Equal(["Aspirin", "\"ASA\" tablet", "Acetylsalicylic acid"], drugs[1].Synonyms);
    }

    [Fact]
    public void A_row_with_the_wrong_field_count_names_the_line()
    {
        var csv = "DrugBank ID,Accession Numbers,Common name,CAS,UNII,Synonyms,Standard InChI Key\nDB1,,Aspirin,,,\n";
        var error = Assert.Throws<InvalidDataException>(() => DrugVocabularyReader.Read(new StringReader(csv), "drugs.csv"));
        Assert.Contains("drugs.csv:2", error.Message);
        Assert.Contains("expected 7 fields, found 6", error.Message);
    }

    [Fact]
    public void Reads_the_shipped_vocabulary()
    {
        var drugs = DrugVocabularyReader.Read(Distill.Corpora.RepositoryData.Path("drug-vocabulary", "drugbank vocabulary.csv"));
        Assert.Equal(17430, drugs.Count);
        Assert.Contains(drugs, d => d.CommonName == "Acetylsalicylic acid" && d.Synonyms.Contains("Aspirin"));
    }
}
