using Distill.Students.Tokenization;

namespace Distill.Tests.Students.Tokenization;

public sealed class VocabularyBuilderTests
{
    [Fact]
    public void Builds_specials_then_characters_then_frequent_words()
    {
        var vocab = VocabularyBuilder.Build(["Aspirin for pain; aspirin again.", "Pain, café"], maxSize: 100, minFrequency: 2);
        Assert.Equal(VocabularyBuilder.SpecialTokens, vocab.Take(5));
        Assert.Contains("a", vocab);
        Assert.Contains("##a", vocab);
        Assert.Contains(";", vocab);
        Assert.Contains("aspirin", vocab);       // twice, case folded
        Assert.Contains("pain", vocab);
        Assert.DoesNotContain("again", vocab);   // once only
        Assert.DoesNotContain("é", vocab);       // accents stripped as BERT's uncased tokenizer does
        Assert.Equal(vocab.Count, vocab.Distinct().Count());
    }

    [Fact]
    public void The_encoder_reads_the_built_vocabulary()
    {
        var path = Path.GetTempFileName();
        try
        {
            var vocab = VocabularyBuilder.Build(["metformin metformin twice"], maxSize: 200);
            VocabularyBuilder.Write(path, vocab);
            var encoder = new WordPieceEncoder(path, lowerCase: true);
            Assert.Equal(["metformin"], encoder.EncodeWord("Metformin").Select(i => vocab[i]));
            Assert.Equal(["t", "##w", "##i", "##c", "##e"], encoder.EncodeWord("twice").Select(i => vocab[i]));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
