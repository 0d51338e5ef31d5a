using Distill.Teachers.Morphology;

namespace Distill.Tests.Teachers.Morphology;

public class DiseasePhraseMatcherTests
{
    static string[] Found(string text, MorphologyOptions? options = null) =>
        new DiseasePhraseMatcher(options).Match(text).Select(s => s.Text).ToArray();

    [Theory]
    [InlineData("Patients with arthritis were seen.", "arthritis")]
    [InlineData("The retinoblastoma was removed.", "retinoblastoma")]
    [InlineData("Classical galactosemia is treatable.", "Classical galactosemia")]
    [InlineData("He had a cardiomyopathy.", "cardiomyopathy")]
    [InlineData("It causes fibrosis.", "fibrosis")]
    [InlineData("Severe neuralgia occurs.", "neuralgia")]
    [InlineData("Kniest dysplasia is rare.", "Kniest dysplasia")]
    [InlineData("They had thrombocytopenia.", "thrombocytopenia")]
    [InlineData("Atelosteogenesis type 2 is lethal.", "Atelosteogenesis type 2")]
    public void Words_with_a_disease_suffix_head_a_mention(string text, string mention) => Assert.Equal([mention], Found(text));

    [Theory]
    [InlineData("The diagnosis and prognosis of the patients were good.")]
    [InlineData("Osmosis and apoptosis were measured during mitosis and meiosis.")]
    [InlineData("Carcinogenesis and angiogenesis in the stroma.")]
    [InlineData("The disease was mild; the syndrome and the disorder were not.")]
    [InlineData("A deficiency was found in this condition.")]
    public void Suffix_exceptions_and_generic_heads_alone_are_no_mention(string text) => Assert.Empty(Found(text));

    [Theory]
    [InlineData("Canavan disease is inherited.", "Canavan disease")]
    [InlineData("She has autosomal dominant polycystic kidney disease.", "autosomal dominant polycystic kidney disease")]
    [InlineData("Boys with X-linked adrenoleukodystrophy.", "X-linked adrenoleukodystrophy")]
    [InlineData("Families with hereditary nonpolyposis colorectal cancer.", "hereditary nonpolyposis colorectal cancer")]
    [InlineData("The Wiskott-Aldrich syndrome is X-linked.", "Wiskott-Aldrich syndrome")]
    [InlineData("In type IID von Willebrand disease the multimers differ.", "type IID von Willebrand disease")]
    [InlineData("Mutations cause Addison's disease.", "Addison's disease")]
    [InlineData("Patients with early-onset breast cancer.", "early-onset breast cancer")]
    public void A_head_extends_left_over_its_modifiers(string text, string mention) => Assert.Equal([mention], Found(text));

    [Theory]
    [InlineData("The risk of breast cancer in men.", "breast cancer")]
    [InlineData("Two patients developed colorectal cancer.", "colorectal cancer")]
    [InlineData("Severe G6PD deficiency is rare.", "G6PD deficiency")]
    [InlineData("In Ashkenazi male breast cancer cases.", "male breast cancer")]
    [InlineData("The inherited human disease ataxia-telangiectasia.", "inherited human disease", "ataxia-telangiectasia")]
    [InlineData("Cells showing X-linked thrombocytopenia.", "X-linked thrombocytopenia")]
    public void The_extension_stops_at_stop_words_and_leaves_edge_words_out(string text, params string[] mentions) =>
        Assert.Equal(mentions, Found(text));

    [Theory]
    [InlineData("Risk of breast and ovarian cancer.", "breast and ovarian cancer")]
    [InlineData("Risk of breast and/or ovarian cancer.", "breast and/or ovarian cancer")]
    [InlineData("Risk of breast/ovarian cancer.", "breast/ovarian cancer")]
    [InlineData("Retinal, cerebellar and spinal haemangioblastomas.", "Retinal, cerebellar and spinal haemangioblastomas")]
    [InlineData("Combined C6 and C7 deficiencies.", "Combined C6 and C7 deficiencies")]
    public void Coordinated_modifiers_share_the_head(string text, string mention) => Assert.Equal([mention], Found(text));

    [Theory]
    [InlineData("BRCA1 and breast cancer.", "breast cancer")]
    [InlineData("Mortality and bone dysplasia.", "bone dysplasia")]
    [InlineData("At 40 years, and cancer later.", "cancer")]
    [InlineData("Fibre size, increased fibre degeneration.", "fibre degeneration")]
    public void Coordination_needs_modifiers_of_the_same_kind(string text, string mention) => Assert.Equal([mention], Found(text));

    [Theory]
    [InlineData("Insulin-dependent diabetes mellitus was diagnosed.", "Insulin-dependent diabetes mellitus")]
    [InlineData("Retinitis pigmentosa is genetic.", "Retinitis pigmentosa")]
    [InlineData("Schwartz-Jampel syndrome type 1A is rare.", "Schwartz-Jampel syndrome type 1A")]
    [InlineData("A complete deficiency of C9 was found.", "complete deficiency of C9")]
    [InlineData("Parenchymal tumours of the kidney.", "Parenchymal tumours of the kidney")]
    public void A_head_extends_right_over_post_modifiers(string text, string mention) => Assert.Equal([mention], Found(text));

    [Theory]
    [InlineData("HPRT-deficient cells and G6PD deficient red cells.", "HPRT-deficient", "G6PD deficient")]
    [InlineData("HPRT-APRT-deficient mice.", "HPRT-APRT-deficient")]
    [InlineData("Atm-deficient mice and enzyme-deficient cells.")]
    public void Deficient_takes_gene_symbols_only(string text, params string[] mentions) => Assert.Equal(mentions, Found(text));

    [Fact]
    public void Heads_are_whole_words()
    {
        // "cancerous", "tumorigenic", "syndromic" are no heads; "Carcinomas" is one whatever its case.
        Assert.Empty(Found("Cancerous, tumorigenic and syndromic features."));
        Assert.Equal(["CARCINOMAS"], Found("CARCINOMAS were seen."));
        var spans = new DiseasePhraseMatcher().Match("In lymphoma cells");
        Assert.Equal((3, 11), (spans[0].Start, spans[0].End));
    }

    [Fact]
    public void Each_rule_can_be_turned_off()
    {
        const string text = "Boys with X-linked adrenoleukodystrophy; breast and ovarian cancer; Canavan disease and diabetes mellitus.";
        Assert.Equal(["X-linked adrenoleukodystrophy", "breast and ovarian cancer", "Canavan disease", "diabetes mellitus"], Found(text));
        Assert.Equal(["breast and ovarian cancer", "Canavan disease", "diabetes mellitus"], Found(text, new MorphologyOptions { SuffixHeads = false }));
        Assert.Equal(["X-linked adrenoleukodystrophy"], Found(text, new MorphologyOptions { HeadNouns = false }));
        Assert.Equal(["adrenoleukodystrophy", "cancer", "diabetes mellitus"], Found(text, new MorphologyOptions { ModifierExtension = false }));
        Assert.Equal(["X-linked adrenoleukodystrophy", "ovarian cancer", "Canavan disease", "diabetes mellitus"], Found(text, new MorphologyOptions { Coordination = false }));
        Assert.Equal(["X-linked adrenoleukodystrophy", "breast and ovarian cancer", "Canavan disease", "diabetes"], Found(text, new MorphologyOptions { PostModifiers = false }));
        Assert.Empty(Found("HPRT-deficient", new MorphologyOptions { DeficientAdjectives = false }));
        Assert.Equal(["kidney disease"], Found("autosomal dominant polycystic kidney disease", new MorphologyOptions { MaxModifiers = 1 }));
    }
}
