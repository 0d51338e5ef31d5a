using System.Text;
using CsCheck;
using Distill.Corpora;
using Distill.Students.Tokenization;
using Distill.Tests.Students;

namespace Distill.Tests.Corpora;

/// <summary>
/// Any valid Unicode text must tokenise (issue 15: "pain 😀" crashed predict with "String contains invalid
/// Unicode code points", because the one-character fallback split the emoji's surrogate pair). Random strings
/// mix the scripts clinical notes meet: ASCII, accents (precomposed and combining), CJK, Arabic and Hebrew
/// (right to left, with marks), emoji with skin tones, ZWJ sequences and variation selectors, supplementary
/// letters (math alphanumerics, CJK extension B) and odd spaces.
/// </summary>
public sealed class ClinicalWordTokenizerPropertyTests
{
    static readonly (int From, int To)[] Blocks =
    [
        (0x20, 0x7E),        // ASCII
        (0xC0, 0x17F),       // Latin-1 and Latin Extended-A letters
        (0x300, 0x36F),      // combining diacritical marks
        (0x4E00, 0x4FFF),    // CJK unified ideographs
        (0x3040, 0x30FF),    // hiragana and katakana
        (0x0590, 0x05FF),    // Hebrew (letters and points)
        (0x0600, 0x06FF),    // Arabic (letters, marks, digits)
        (0x200B, 0x200F),    // zero-width space, ZWNJ, ZWJ, LRM, RLM
        (0xFE00, 0xFE0F),    // variation selectors
        (0x1F300, 0x1F6FF),  // emoji and pictographs (surrogate pairs)
        (0x1F3FB, 0x1F3FF),  // skin-tone modifiers
        (0x1D400, 0x1D4FF),  // mathematical alphanumerics: letters outside the BMP
        (0x20000, 0x200FF),  // CJK extension B
        (0xE0020, 0xE007F),  // tag characters (flag sequences)
    ];

    static readonly Gen<string> CodePoint = Gen.OneOf(
        Gen.OneOf(Blocks.Select(b => Gen.Int[b.From, b.To]).ToArray()).Select(char.ConvertFromUtf32),
        Gen.OneOf(" ", "\n", "\t", "\u00A0", "\u2028", "\u3000"));

    static readonly Gen<string> Text = CodePoint.Array[0, 40].Select(parts => string.Concat(parts));

    static readonly WordPieceEncoder Uncased = new(TinyBert.File("vocab.txt"), lowerCase: true);
    static readonly WordPieceEncoder Cased = new(TinyBert.File("vocab.txt"), lowerCase: false);

    [Theory]
    [InlineData("pain 😀")]
    [InlineData("👍🏽 ok")]
    [InlineData("👨‍👩‍👧 family")]
    [InlineData("e\u0301te\u0301")]
    [InlineData("𝐀𝐁𝐂 𠀀")]
    public void Known_crashers_tokenise_into_valid_strings_and_word_pieces(string text) => AssertTokenises(text);

    [Fact]
    public void Random_valid_unicode_always_tokenises_into_valid_strings_and_word_pieces() =>
        Text.Sample(AssertTokenises, iter: 3000, seed: "0N0XIzNsQ0O2");

    static void AssertTokenises(string text)
    {
        var tokens = ClinicalWordTokenizer.Instance.Tokenize(text);
        var covered = new int[text.Length];
        var previousEnd = 0;
        foreach (var token in tokens)
        {
            Assert.True(token.Start >= previousEnd && token.End > token.Start, $"token [{token.Start}, {token.End}) overlaps or is empty");
            Assert.Equal(text[token.Start..token.End], token.Text);
            // A token is valid UTF-16 on its own: no surrogate pair is split between two tokens.
            Assert.True(IsValidUtf16(token.Text), $"token at {token.Start} holds a lone surrogate: {Escape(token.Text)}");
            Assert.NotEmpty(Uncased.EncodeWord(token.Text));
            Assert.NotEmpty(Cased.EncodeWord(token.Text));
            for (var i = token.Start; i < token.End; i++) covered[i]++;
            previousEnd = token.End;
        }
        for (var i = 0; i < text.Length; i++)
            Assert.True(covered[i] == (char.IsWhiteSpace(text[i]) ? 0 : 1), $"char {i} (U+{(int)text[i]:X4}) of {Escape(text)}");
        // The whole note through the student's windowing, as predict does it.
        _ = DocumentWindows.Create(text, Uncased, 32, 8);
    }

    static bool IsValidUtf16(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { i++; continue; }
            if (char.IsSurrogate(s[i])) return false;
        }
        return true;
    }

    static string Escape(string s) => string.Concat(s.Select(c => c < 0x80 && !char.IsControl(c) ? c.ToString() : $"\\u{(int)c:X4}"));
}
