using Distill.Corpora;
using Distill.Students.Tokenization;

namespace Distill.Students.Relations;

/// <summary>
/// A sentence as the ADE students see it: word tokens (<see cref="ClinicalWordTokenizer"/>) and one window of word pieces
/// ([CLS] … [SEP], at most <c>maxLength</c>). ADE-Corpus-V2 items are single sentences; the rare one longer than the
/// window is cut there, and its words past the cut are predicted outside (counted by <see cref="Truncated"/>).
/// </summary>
public sealed record AdeSentenceEncoding(string Text, IReadOnlyList<Token> Words, int[] InputIds, int[] FirstPieces)
{
    /// <summary>Words inside the window.</summary>
    public int WordCount => FirstPieces.Length;

    public bool Truncated => WordCount < Words.Count;

    public static AdeSentenceEncoding Create(string text, WordPieceEncoder encoder, int maxLength) =>
        Create(text, ClinicalWordTokenizer.Instance.Tokenize(text), encoder, maxLength);

    public static AdeSentenceEncoding Create(string text, IReadOnlyList<Token> words, WordPieceEncoder encoder, int maxLength)
    {
        if (words.Count == 0) return new AdeSentenceEncoding(text, words, [encoder.ClsId, encoder.SepId], []);
        var window = DocumentWindows.Create(words, encoder, maxLength, 0).Windows[0];
        return new AdeSentenceEncoding(text, words, window.InputIds, window.FirstPiecePositions);
    }

    /// <summary>Piece positions of the words that share a character with <paramref name="span"/> (all their pieces).</summary>
    public IEnumerable<int> PiecesOf(EntitySpan span)
    {
        for (var w = 0; w < WordCount; w++)
        {
            if (Words[w].End <= span.Start || Words[w].Start >= span.End) continue;
            var end = w + 1 < WordCount ? FirstPieces[w + 1] : InputIds.Length - 1;
            for (var p = FirstPieces[w]; p < end; p++) yield return p;
        }
    }

    /// <summary>1 for each window word that shares a character with one of <paramref name="spans"/>, else 0.</summary>
    public long[] WordLabels(IEnumerable<EntitySpan> spans)
    {
        var labels = new long[WordCount];
        foreach (var span in spans)
            for (var w = 0; w < WordCount; w++)
                if (Words[w].End > span.Start && Words[w].Start < span.End) labels[w] = 1;
        return labels;
    }

    /// <summary>Spans of <paramref name="type"/> from per-word 0/1 decisions (runs of inside words; IO decoding).</summary>
    public IReadOnlyList<EntitySpan> Decode(IReadOnlyList<bool> inside, string type)
    {
        var tags = Words.Select((_, w) => w < inside.Count && inside[w] ? type : IoTagging.Outside).ToArray();
        return IoTagging.Decode(Text, Words, tags);
    }
}
