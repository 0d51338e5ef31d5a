using Distill.Corpora;

namespace Distill.Tests.Corpora;

public class TaggingTests
{
    const string Text = "Na+ low; breast cancer, colon cancer and lisinopril.";

    static readonly EntitySpan[] Spans =
    [
        new(9, 22, "disease", "breast cancer"),
        new(24, 36, "disease", "colon cancer"),
        new(41, 51, "medication", "lisinopril"),
    ];

    static IReadOnlyList<Token> Tokens => ClinicalWordTokenizer.Instance.Tokenize(Text);

    [Fact]
    public void Io_encodes_types_and_decodes_back()
    {
        var tags = IoTagging.Encode(Tokens, Spans);

        Assert.Equal(["O", "O", "O", "disease", "disease", "O", "disease", "disease", "O", "medication", "O"], tags);
        Assert.Equal(Spans, IoTagging.Decode(Text, Tokens, tags));
    }

    [Fact]
    public void Bio_marks_begin_and_inside_and_decodes_back()
    {
        var tags = BioTagging.Encode(Tokens, Spans);

        Assert.Equal(["O", "O", "O", "B-disease", "I-disease", "O", "B-disease", "I-disease", "O", "B-medication", "O"], tags);
        Assert.Equal(Spans, BioTagging.Decode(Text, Tokens, tags));
    }

    [Fact]
    public void Bio_keeps_adjacent_same_type_spans_apart_where_io_merges_them()
    {
        const string text = "fever cough";
        EntitySpan[] spans = [new(0, 5, "symptom", "fever"), new(6, 11, "symptom", "cough")];
        var tokens = ClinicalWordTokenizer.Instance.Tokenize(text);

        Assert.Equal(spans, BioTagging.Decode(text, tokens, BioTagging.Encode(tokens, spans)));
        Assert.Equal([new EntitySpan(0, 11, "symptom", "fever cough")], IoTagging.Decode(text, tokens, IoTagging.Encode(tokens, spans)));
    }

    [Fact]
    public void Bio_decoding_starts_a_span_at_a_stray_inside_tag_and_rejects_junk()
    {
        var tokens = ClinicalWordTokenizer.Instance.Tokenize("a b c");

        var spans = BioTagging.Decode("a b c", tokens, ["O", "I-x", "B-y"]);

        Assert.Equal([new EntitySpan(2, 3, "x", "b"), new EntitySpan(4, 5, "y", "c")], spans);
        var ex = Assert.Throws<FormatException>(() => BioTagging.Decode("a b c", tokens, ["O", "X-x", "O"]));
        Assert.Contains("token 1", ex.Message);
    }

    [Fact]
    public void Longest_overlapping_span_wins_in_both_schemes()
    {
        const string text = "acute renal failure";
        EntitySpan[] spans = [new(6, 11, "organ", "renal"), new(0, 19, "disease", "acute renal failure")];
        var tokens = ClinicalWordTokenizer.Instance.Tokenize(text);

        Assert.Equal(["disease", "disease", "disease"], IoTagging.Encode(tokens, spans));
        Assert.Equal(["B-disease", "I-disease", "I-disease"], BioTagging.Encode(tokens, spans));
    }
}
