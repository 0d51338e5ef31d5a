using System.Globalization;
using System.Text;
using Distill.Corpora;
using Distill.IO;

namespace Distill.Students.Tokenization;

/// <summary>
/// Builds a WordPiece vocab.txt from training text for a student trained from scratch (no pretrained
/// vocabulary can be downloaded here). The procedure, deliberately simple:
/// <list type="number">
/// <item>the special tokens [PAD] [UNK] [CLS] [SEP] [MASK] (ids 0-4, [PAD] = 0 as BERT's pad_token_id);</item>
/// <item>every character seen, alone and as a continuation piece (<c>c</c> and <c>##c</c>), so any word made
/// of seen characters can be spelled;</item>
/// <item>whole words by descending frequency (ties in ordinal order), those seen at least
/// <c>minFrequency</c> times, until the vocabulary holds <c>maxSize</c> tokens.</item>
/// </list>
/// Words are what the encoder will look up: <see cref="ClinicalWordTokenizer"/> words, lower-cased with
/// accents stripped (as BERT's uncased basic tokenizer does), split into letter/digit runs and single
/// punctuation characters.
/// </summary>
internal static class VocabularyBuilder
{
    public static IReadOnlyList<string> SpecialTokens { get; } = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];

    public static List<string> Build(IEnumerable<string> texts, int maxSize = 8000, int minFrequency = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSize, SpecialTokens.Count + 1);
        var wordCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var characters = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
            foreach (var token in ClinicalWordTokenizer.Instance.Tokenize(text))
                foreach (var piece in BasicPieces(token.Text))
                {
                    wordCounts[piece] = wordCounts.GetValueOrDefault(piece) + 1;
                    foreach (var rune in piece.EnumerateRunes()) characters.Add(rune.ToString());
                }
        var vocabulary = new List<string>(SpecialTokens);
        var seen = new HashSet<string>(vocabulary, StringComparer.Ordinal);
        void Add(string token)
        {
            if (vocabulary.Count < maxSize && seen.Add(token)) vocabulary.Add(token);
        }
        foreach (var c in characters) Add(c);
        foreach (var c in characters) Add("##" + c);
        foreach (var (word, _) in wordCounts.Where(p => p.Value >= minFrequency).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
            Add(word);
        return vocabulary;
    }

    /// <summary>Writes one token per line (line number = id), temp + rename.</summary>
    public static void Write(string path, IReadOnlyList<string> vocabulary) =>
        AtomicFile.WriteAllText(path, string.Join('\n', vocabulary) + "\n");

    /// <summary>Lower-case, strip accents, split into letter/digit runs and single other characters.</summary>
    internal static IEnumerable<string> BasicPieces(string word)
    {
        var normalized = new StringBuilder();
        foreach (var ch in word.ToLowerInvariant().Normalize(NormalizationForm.FormD))
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark && !char.IsControl(ch) && !char.IsWhiteSpace(ch))
                normalized.Append(ch);
        var run = new StringBuilder();
        foreach (var ch in normalized.ToString())
        {
            if (char.IsLetterOrDigit(ch)) { run.Append(ch); continue; }
            if (run.Length > 0) { yield return run.ToString(); run.Clear(); }
            yield return ch.ToString();
        }
        if (run.Length > 0) yield return run.ToString();
    }
}
