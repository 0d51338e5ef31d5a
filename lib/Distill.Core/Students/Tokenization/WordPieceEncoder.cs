using Microsoft.ML.Tokenizers;

namespace Distill.Students.Tokenization;

/// <summary>
/// WordPiece over one word at a time, with Microsoft.ML.Tokenizers' <see cref="BertTokenizer"/> built
/// from a checkpoint's vocab.txt. It is only ever given single words from
/// <see cref="Distill.Corpora.ClinicalWordTokenizer"/>: the library's basic tokenizer drops characters
/// such as \n \t $ + = &lt; &gt; | ~ ^ °, so on raw text offsets would drift; per word, a word that
/// yields no piece becomes [UNK], and every word keeps at least one position.
/// </summary>
public sealed class WordPieceEncoder
{
    readonly BertTokenizer tokenizer;
    // Concurrent: one encoder serves parallel callers (the tokenizer property test's parallel samples corrupted a plain
    // Dictionary: "Operations that change non-concurrent collections must have exclusive access").
    readonly System.Collections.Concurrent.ConcurrentDictionary<string, int[]> cache = new(StringComparer.Ordinal);

    /// <summary>Builds the encoder from <paramref name="vocabPath"/> (one token per line, line number = id).</summary>
    /// <param name="vocabPath">A BERT vocab.txt.</param>
    /// <param name="lowerCase">Lower-case and strip accents first (uncased checkpoints; HF's do_lower_case).</param>
    public WordPieceEncoder(string vocabPath, bool lowerCase)
    {
        if (!File.Exists(vocabPath)) throw new FileNotFoundException($"Vocabulary file '{vocabPath}' does not exist.", vocabPath);
        VocabPath = vocabPath;
        LowerCase = lowerCase;
        var lines = File.ReadAllLines(vocabPath);
        foreach (var special in new[] { "[PAD]", "[UNK]", "[CLS]", "[SEP]" })
            if (!lines.Contains(special))
                throw new InvalidDataException($"{vocabPath}: the vocabulary has no '{special}' token, which BERT needs.");
        VocabularySize = lines.Length;
        Vocabulary = lines;
        tokenizer = BertTokenizer.Create(vocabPath, new BertOptions
        {
            LowerCaseBeforeTokenization = lowerCase,
            RemoveNonSpacingMarks = lowerCase, // HF: strip_accents follows do_lower_case unless set
            ApplyBasicTokenization = true,
        });
    }

    public string VocabPath { get; }

    public bool LowerCase { get; }

    public int VocabularySize { get; }

    /// <summary>The vocabulary as read (kept so a save never depends on the source file still existing).</summary>
    public IReadOnlyList<string> Vocabulary { get; }

    public int ClsId => tokenizer.ClassificationTokenId;

    public int SepId => tokenizer.SeparatorTokenId;

    public int PadId => tokenizer.PaddingTokenId;

    public int UnkId => tokenizer.UnknownTokenId;

    /// <summary>The word-piece ids of one word (never empty: [UNK] when the tokenizer yields nothing).</summary>
    public int[] EncodeWord(string word)
    {
        if (cache.TryGetValue(word, out var ids)) return ids;
        // A lone surrogate (invalid UTF-16, e.g. a JSON "\ud83d" escape) makes the tokenizer's normalisation
        // throw; it cannot be a known piece anyway.
        if (HasLoneSurrogate(word)) return [UnkId];
        var encoded = tokenizer.EncodeToIds(word, addSpecialTokens: false);
        ids = encoded.Count > 0 ? encoded.ToArray() : [UnkId];
        if (cache.Count < 200_000) cache.TryAdd(word, ids); // bounded: a long prediction run must not grow without end
        return ids;
    }

    static bool HasLoneSurrogate(string word)
    {
        for (var i = 0; i < word.Length; i++)
        {
            if (char.IsHighSurrogate(word[i]) && i + 1 < word.Length && char.IsLowSurrogate(word[i + 1])) i++;
            else if (char.IsSurrogate(word[i])) return true;
        }
        return false;
    }
}
