using Distill.Students.Tokenization;

namespace Distill.Tests.Students.Tokenization;

public sealed class WordPieceEncoderTests
{
    readonly WordPieceEncoder encoder = new(TinyBert.File("vocab.txt"), lowerCase: true);
    readonly string[] vocab = File.ReadAllLines(TinyBert.File("vocab.txt"));

    string[] Pieces(string word) => encoder.EncodeWord(word).Select(i => vocab[i]).ToArray();

    [Fact]
    public void A_word_in_the_vocabulary_is_one_piece_after_lower_casing() =>
        Assert.Equal(["aspirin"], Pieces("Aspirin"));

    [Fact]
    public void An_unseen_word_is_spelled_with_continuation_pieces() =>
        Assert.Equal(["cancer", "##s"], Pieces("cancers"));

    [Theory]
    [InlineData("°")]
    [InlineData("~")]
    [InlineData("\u2603")]
    public void A_symbol_the_tokenizer_drops_or_does_not_know_becomes_UNK(string word) =>
        Assert.Equal(["[UNK]"], Pieces(word));

    [Fact]
    public void A_lone_surrogate_becomes_UNK_instead_of_throwing()
    {
        // Built in code: xunit's attribute data would replace a lone surrogate with U+FFFD.
        Assert.Equal(["[UNK]"], Pieces(new string('\ud83d', 1)));
        Assert.Equal(["[UNK]"], Pieces("a" + '\ude00' + "b"));
    }

    [Fact]
    public void Special_ids_come_from_the_vocabulary()
    {
        Assert.Equal(("[PAD]", "[UNK]", "[CLS]", "[SEP]"), (vocab[encoder.PadId], vocab[encoder.UnkId], vocab[encoder.ClsId], vocab[encoder.SepId]));
        Assert.Equal(vocab.Length, encoder.VocabularySize);
    }
}
