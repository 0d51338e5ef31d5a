using Distill.Corpora;

namespace Distill.Students.Tokenization;

/// <summary>
/// One model input cut from a document: [CLS] pieces [SEP] for the words
/// [<paramref name="FirstWord"/>, <paramref name="EndWord"/>), and the position of each word's first piece.
/// </summary>
internal sealed record DocumentWindow(int FirstWord, int EndWord, int[] InputIds, int[] FirstPiecePositions)
{
    public int Length => InputIds.Length;
}

/// <summary>
/// A document as the student sees it: word tokens, their word pieces, and overlapping windows that
/// fit the model. Windows start and end at word boundaries; consecutive windows share about
/// <c>overlap</c> pieces of context, and each word's prediction is taken from the window in which it
/// lies farthest from an edge (<see cref="OwningWindow"/>).
/// </summary>
internal sealed class DocumentWindows
{
    DocumentWindows(IReadOnlyList<Token> words, IReadOnlyList<DocumentWindow> windows, int[] owner)
    {
        Words = words;
        Windows = windows;
        this.owner = owner;
    }

    readonly int[] owner;

    public IReadOnlyList<Token> Words { get; }

    public IReadOnlyList<DocumentWindow> Windows { get; }

    /// <summary>The index of the window whose prediction counts for word <paramref name="word"/>.</summary>
    public int OwningWindow(int word) => owner[word];

    /// <summary>Tokenizes <paramref name="text"/> into words and cuts windows of at most <paramref name="maxLength"/> ids.</summary>
    public static DocumentWindows Create(string text, WordPieceEncoder encoder, int maxLength, int overlap) =>
        Create(ClinicalWordTokenizer.Instance.Tokenize(text), encoder, maxLength, overlap);

    /// <summary>Cuts windows over already tokenized words (e.g. the tokens stored in a training file).</summary>
    public static DocumentWindows Create(IReadOnlyList<Token> words, WordPieceEncoder encoder, int maxLength, int overlap)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 3);
        ArgumentOutOfRangeException.ThrowIfNegative(overlap);
        var content = maxLength - 2;
        // A word longer than a whole window keeps its first pieces only (its label sits on the first anyway).
        var pieces = words.Select(w => { var p = encoder.EncodeWord(w.Text); return p.Length > content ? p[..content] : p; }).ToArray();
        var ranges = Plan(pieces.Select(p => p.Length).ToArray(), content, Math.Min(overlap, content / 2));
        var windows = new List<DocumentWindow>(ranges.Count);
        foreach (var (start, end) in ranges)
        {
            var ids = new List<int>(maxLength) { encoder.ClsId };
            var firsts = new int[end - start];
            for (var w = start; w < end; w++)
            {
                firsts[w - start] = ids.Count;
                ids.AddRange(pieces[w]);
            }
            ids.Add(encoder.SepId);
            windows.Add(new DocumentWindow(start, end, ids.ToArray(), firsts));
        }
        var owner = new int[words.Count];
        var best = new int[words.Count];
        Array.Fill(best, -1);
        for (var k = 0; k < windows.Count; k++)
            for (var w = windows[k].FirstWord; w < windows[k].EndWord; w++)
            {
                var centrality = Math.Min(w - windows[k].FirstWord, windows[k].EndWord - 1 - w);
                if (centrality > best[w]) (best[w], owner[w]) = (centrality, k);
            }
        return new DocumentWindows(words, windows, owner);
    }

    /// <summary>Word ranges [start, end) whose piece counts fit <paramref name="content"/>, overlapping by up to <paramref name="overlap"/> pieces.</summary>
    internal static List<(int Start, int End)> Plan(int[] pieceCounts, int content, int overlap)
    {
        var ranges = new List<(int, int)>();
        var n = pieceCounts.Length;
        var start = 0;
        while (start < n)
        {
            var end = start;
            var length = 0;
            while (end < n && length + pieceCounts[end] <= content) length += pieceCounts[end++];
            ranges.Add((start, end));
            if (end >= n) break;
            // Step back from the end while the shared context stays within the overlap; always move forward.
            var next = end;
            var shared = 0;
            while (next - 1 > start && shared + pieceCounts[next - 1] <= overlap) shared += pieceCounts[--next];
            start = next;
        }
        return ranges;
    }
}
