using System.Runtime.CompilerServices;
using System.Text;

namespace Distill.Corpora;

/// <summary>Tag scheme of a CoNLL file.</summary>
internal enum TagScheme
{
    /// <summary>Decide from the tags: any <c>B-</c>/<c>I-</c> prefix means BIO, otherwise IO.</summary>
    Auto,
    Bio,
    Io,
}

/// <summary>
/// Reads CoNLL-style token/tag files: one token per line, the token in the first column and its tag in
/// the last (tab-separated, or whitespace-separated when the line has no tab), blank lines between
/// sentences, optional <c>-DOCSTART-</c> lines between documents. Text is rebuilt as the tokens joined by
/// one space, sentences joined by a newline; spans come from the tags (BIO: an <c>I-</c> that does not
/// continue starts a span, counted as <c>bio I- tags starting a span</c>). Without <c>-DOCSTART-</c>, each
/// sentence is one document (<c>file:n</c>). Types pass through the label map (default: kept as written).
/// </summary>
internal static class ConllReader
{
    const string DocStart = "-DOCSTART-";

    public static async IAsyncEnumerable<Document> ReadAsync(
        string path, TagScheme scheme = TagScheme.Auto, CorpusReadOptions? options = null, CorpusReadReport? report = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"CoNLL file not found: {path}", path);
        if (scheme == TagScheme.Auto)
            scheme = await DetectAsync(path, options?.Encoding, cancellationToken);
        using var reader = TextFileEncoding.OpenReader(path, options?.Encoding);
        await foreach (var doc in ReadAsync(reader, Path.GetFileName(path), path, scheme, options, report, cancellationToken))
            yield return doc;
    }

    /// <summary>Streams documents; <paramref name="scheme"/> must be Bio or Io here (Auto needs the whole file).</summary>
    public static async IAsyncEnumerable<Document> ReadAsync(
        TextReader reader, string idPrefix, string sourceName, TagScheme scheme, CorpusReadOptions? options = null, CorpusReadReport? report = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (scheme == TagScheme.Auto)
            throw new ArgumentException("Pass Bio or Io when reading from a TextReader; Auto is decided from a file.", nameof(scheme));
        options ??= CorpusReadOptions.Strict;
        var problems = new ReadProblems(options, report);
        var map = options.LabelMap ?? LabelMap.Identity;
        var sentences = new List<List<(string Token, string Tag, int Line)>>();
        var sentence = new List<(string, string, int)>();
        var usesDocStart = false;
        var docNumber = 0;
        var lineNo = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNo++;
            if (line.StartsWith(DocStart, StringComparison.Ordinal))
            {
                usesDocStart = true;
                EndSentence();
                if (sentences.Count > 0 && Build() is { } d) yield return d;
                continue;
            }
            if (string.IsNullOrWhiteSpace(line))
            {
                EndSentence();
                if (!usesDocStart && sentences.Count > 0 && Build() is { } d) yield return d;
                continue;
            }
            var cols = line.Contains('\t') ? line.Split('\t') : line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (cols.Length < 2 || cols[0].Length == 0 || cols[^1].Length == 0)
            {
                problems.Raise(sourceName, lineNo, $"expected 'token<TAB>tag', got '{line}'.");
                continue;
            }
            sentence.Add((cols[0], cols[^1].Trim(), lineNo));
        }
        EndSentence();
        if (sentences.Count > 0 && Build() is { } last) yield return last;

        void EndSentence()
        {
            if (sentence.Count > 0) sentences.Add(sentence);
            sentence = [];
        }

        Document? Build()
        {
            docNumber++;
            var text = new StringBuilder();
            var tokens = new List<Token>();
            var tags = new List<string>();
            var lines = new List<int>();
            foreach (var s in sentences)
            {
                if (text.Length > 0) text.Append('\n');
                for (var i = 0; i < s.Count; i++)
                {
                    if (i > 0) text.Append(' ');
                    var (tok, tag, ln) = s[i];
                    tokens.Add(new Token(text.Length, text.Length + tok.Length, tok));
                    text.Append(tok);
                    tags.Add(tag);
                    lines.Add(ln);
                }
            }
            sentences.Clear();
            var content = text.ToString();
            var spans = new List<EntitySpan>();
            foreach (var (span, firstLine) in Decode(content, tokens, tags, lines, scheme, sourceName, problems))
                if (problems.MapType(map, span.Type, sourceName, firstLine) is { } type)
                    spans.Add(span with { Type = type, SourceType = span.Type });
            return new Document($"{idPrefix}:{docNumber}", content, spans,
                new Dictionary<string, string> { ["source"] = idPrefix, ["first_line"] = lines.Count > 0 ? lines[0].ToString() : "0" });
        }
    }

    public static IReadOnlyList<Document> Read(string path, TagScheme scheme = TagScheme.Auto, CorpusReadOptions? options = null, CorpusReadReport? report = null) =>
        ReadAsync(path, scheme, options, report).ToBlockingEnumerable().ToList();

    static List<(EntitySpan Span, int Line)> Decode(
        string text, List<Token> tokens, List<string> tags, List<int> lines, TagScheme scheme, string file, ReadProblems problems)
    {
        var result = new List<(EntitySpan, int)>();
        string? openType = null;
        int openStart = 0, openEnd = 0, openLine = 0;
        for (var i = 0; i < tags.Count; i++)
        {
            var tag = tags[i];
            char kind;
            string? type;
            if (tag == IoTagging.Outside) (kind, type) = ('O', null);
            else if (scheme == TagScheme.Io) (kind, type) = ('I', tag);
            else if (tag.Length > 2 && (tag.StartsWith(BioTagging.BeginPrefix, StringComparison.Ordinal) || tag.StartsWith(BioTagging.InsidePrefix, StringComparison.Ordinal)))
                (kind, type) = (tag[0], tag[2..]);
            else
            {
                problems.Raise(file, lines[i], $"tag '{tag}' is not BIO (expected 'O', 'B-type' or 'I-type').");
                (kind, type) = ('O', null);
            }
            if (kind == 'I' && openType == type)
            {
                openEnd = tokens[i].End;
                continue;
            }
            Close();
            if (kind == 'O') continue;
            if (kind == 'I' && scheme == TagScheme.Bio)
                problems.Report.Increment("bio I- tags starting a span");
            (openType, openStart, openEnd, openLine) = (type, tokens[i].Start, tokens[i].End, lines[i]);
        }
        Close();
        return result;

        void Close()
        {
            if (openType is null) return;
            result.Add((new EntitySpan(openStart, openEnd, openType, text[openStart..openEnd]), openLine));
            openType = null;
        }
    }

    static async Task<TagScheme> DetectAsync(string path, System.Text.Encoding? encoding, CancellationToken cancellationToken)
    {
        using var reader = TextFileEncoding.OpenReader(path, encoding);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            var cols = line.Contains('\t') ? line.Split('\t') : line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (cols.Length >= 2 && (cols[^1].StartsWith(BioTagging.BeginPrefix, StringComparison.Ordinal) || cols[^1].StartsWith(BioTagging.InsidePrefix, StringComparison.Ordinal)))
                return TagScheme.Bio;
        }
        return TagScheme.Io;
    }
}
