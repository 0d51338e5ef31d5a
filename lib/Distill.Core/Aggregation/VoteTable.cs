using System.Runtime.Intrinsics.X86;
using Distill.Corpora;

namespace Distill.Aggregation;

/// <summary>
/// Teachers' token votes for one entity type over a set of documents, stored the way the subset
/// search needs them: each word token becomes a vote pattern (bit i set when teacher i tags the
/// token as inside the type), and tokens are grouped by (pattern, gold) per document.
/// <para>
/// Every combination rule decides a token from the votes of the subset's teachers alone, that is from
/// <c>pattern AND subset</c>. Scoring a subset is therefore a pass over the distinct patterns
/// (at most 2^n, usually far fewer) rather than over every token: 1,023 subsets of 10 teachers over a
/// few thousand notes take milliseconds (see <c>distill bench search</c>).
/// </para>
/// </summary>
internal sealed class VoteTable
{
    readonly PatternCounts total;
    readonly PatternCounts[] perDocument;

    VoteTable(string entityType, IReadOnlyList<string> teachers, IReadOnlyList<string> documentIds, PatternCounts[] perDocument, bool hasGold, long tokenCount,
        uint? eligibleMask = null)
    {
        EntityType = entityType;
        EligibleMask = eligibleMask ?? (teachers.Count >= 32 ? uint.MaxValue : (1u << teachers.Count) - 1);
        Teachers = teachers;
        DocumentIds = documentIds;
        this.perDocument = perDocument;
        HasGold = hasGold;
        TokenCount = tokenCount;
        total = PatternCounts.Sum(perDocument);
    }

    public string EntityType { get; }
    public IReadOnlyList<string> Teachers { get; }
    public IReadOnlyList<string> DocumentIds { get; }
    public bool HasGold { get; }
    public long TokenCount { get; }

    /// <summary>
    /// The teachers that can label this entity type (bit i = teacher i; <see cref="Teachers.ITeacher.Supports"/>):
    /// the search only forms subsets of these, so a teacher with no lexicon for a type is never counted as voting "outside".
    /// </summary>
    public uint EligibleMask { get; }

    /// <summary>This table with only the teachers marked in <paramref name="supports"/> eligible for subsets.</summary>
    public VoteTable WithEligibleTeachers(IReadOnlyList<bool> supports)
    {
        if (supports.Count != Teachers.Count) throw new ArgumentException($"{supports.Count} flags for {Teachers.Count} teachers.", nameof(supports));
        var mask = 0u;
        for (var i = 0; i < supports.Count; i++) if (supports[i]) mask |= 1u << i;
        if (mask == 0) throw new ArgumentException($"No teacher can label entity type '{EntityType}'.", nameof(supports));
        return new VoteTable(EntityType, Teachers, DocumentIds, perDocument, HasGold, TokenCount, mask);
    }

    /// <summary>Counts over all documents.</summary>
    public PatternCounts Total => total;

    /// <summary>Counts of one document (by index in <see cref="DocumentIds"/>).</summary>
    public PatternCounts Document(int index) => perDocument[index];

    /// <summary>
    /// Builds the table. <paramref name="teacherSpans"/>[i] maps a document id to teacher i's spans
    /// (all types; only <paramref name="entityType"/> is used). A document a teacher did not label
    /// counts as "no mention" from it; <paramref name="missing"/> reports how often that happened so
    /// it is never silent. Gold comes from the documents' own spans when <paramref name="withGold"/>.
    /// </summary>
    public static VoteTable Build(
        string entityType,
        IReadOnlyList<Document> documents,
        IReadOnlyList<string> teachers,
        IReadOnlyList<IReadOnlyDictionary<string, IReadOnlyList<EntitySpan>>> teacherSpans,
        bool withGold,
        IWordTokenizer? tokenizer,
        out IReadOnlyDictionary<string, int> missing)
    {
        if (teachers.Count != teacherSpans.Count)
            throw new ArgumentException($"{teachers.Count} teacher names but {teacherSpans.Count} span sets.");
        if (teachers.Count > TeacherSubset.MaxTeachers)
            throw new ArgumentException($"At most {TeacherSubset.MaxTeachers} teachers; got {teachers.Count}.");
        tokenizer ??= ClinicalWordTokenizer.Instance;
        var missingCounts = teachers.ToDictionary(t => t, _ => 0);
        var perDoc = new PatternCounts[documents.Count];
        long tokens = 0;
        for (var d = 0; d < documents.Count; d++)
        {
            var doc = documents[d];
            var toks = tokenizer.Tokenize(doc.Text);
            tokens += toks.Count;
            var patterns = TokenVotes(doc.Id, toks, entityType, teacherSpans, out var absent);
            foreach (var t in absent) missingCounts[teachers[t]]++;
            bool[]? gold = null;
            if (withGold)
            {
                var goldTags = IoTagging.Encode(toks, doc.SpansOf(entityType));
                gold = goldTags.Select(tag => tag != IoTagging.Outside).ToArray();
            }
            perDoc[d] = PatternCounts.FromTokens(patterns, gold);
        }
        missing = missingCounts;
        return new VoteTable(entityType, teachers, documents.Select(x => x.Id).ToArray(), perDoc, withGold, tokens);
    }

    /// <summary>
    /// Vote pattern of each token of one document: bit t set when teacher t's spans of
    /// <paramref name="entityType"/> cover the token (IO tagging). <paramref name="absent"/> lists the
    /// teachers that have no labels for the document (their bits stay 0).
    /// </summary>
    public static uint[] TokenVotes(
        string documentId,
        IReadOnlyList<Token> tokens,
        string entityType,
        IReadOnlyList<IReadOnlyDictionary<string, IReadOnlyList<EntitySpan>>> teacherSpans,
        out List<int> absent)
    {
        var patterns = new uint[tokens.Count];
        absent = [];
        for (var t = 0; t < teacherSpans.Count; t++)
        {
            if (!teacherSpans[t].TryGetValue(documentId, out var spans))
            {
                absent.Add(t);
                continue;
            }
            var tags = IoTagging.Encode(tokens, spans.Where(s => s.Type == entityType));
            for (var k = 0; k < tags.Length; k++)
                if (tags[k] != IoTagging.Outside) patterns[k] |= 1u << t;
        }
        return patterns;
    }

    /// <summary>Packs the bits of <paramref name="pattern"/> at the positions of <paramref name="mask"/> into the low bits.</summary>
    public static uint Compress(uint pattern, uint mask)
    {
        if (Bmi2.IsSupported) return Bmi2.ParallelBitExtract(pattern, mask);
        uint result = 0;
        var bit = 0;
        for (var m = mask; m != 0; m &= m - 1, bit++)
            if ((pattern & (m & (uint)-(int)m)) != 0) result |= 1u << bit;
        return result;
    }
}

/// <summary>
/// Distinct vote patterns with, for each, how many tokens carry it and how many of those are gold-inside.
/// </summary>
internal sealed record PatternCounts(uint[] Patterns, long[] Tokens, long[] GoldInside)
{
    public long TokenTotal => Tokens.Sum();
    public long GoldTotal => GoldInside.Sum();

    internal static PatternCounts FromTokens(uint[] patterns, bool[]? gold)
    {
        var byPattern = new SortedDictionary<uint, (long tokens, long gold)>();
        for (var i = 0; i < patterns.Length; i++)
        {
            byPattern.TryGetValue(patterns[i], out var c);
            byPattern[patterns[i]] = (c.tokens + 1, c.gold + (gold is not null && gold[i] ? 1 : 0));
        }
        return new PatternCounts(byPattern.Keys.ToArray(), byPattern.Values.Select(v => v.tokens).ToArray(), byPattern.Values.Select(v => v.gold).ToArray());
    }

    internal static PatternCounts Sum(IEnumerable<PatternCounts> parts)
    {
        var byPattern = new SortedDictionary<uint, (long tokens, long gold)>();
        foreach (var part in parts)
            for (var i = 0; i < part.Patterns.Length; i++)
            {
                byPattern.TryGetValue(part.Patterns[i], out var c);
                byPattern[part.Patterns[i]] = (c.tokens + part.Tokens[i], c.gold + part.GoldInside[i]);
            }
        return new PatternCounts(byPattern.Keys.ToArray(), byPattern.Values.Select(v => v.tokens).ToArray(), byPattern.Values.Select(v => v.gold).ToArray());
    }

    /// <summary>
    /// Token counts of a subset's compressed patterns: index q (0..2^k−1) holds the tokens whose votes
    /// restricted to the subset equal q, and how many of them are gold-inside.
    /// </summary>
    public (long[] tokens, long[] gold) Restrict(TeacherSubset subset)
    {
        var size = 1 << subset.Count;
        var tokens = new long[size];
        var gold = new long[size];
        for (var i = 0; i < Patterns.Length; i++)
        {
            var q = VoteTable.Compress(Patterns[i], subset.Mask);
            tokens[q] += Tokens[i];
            gold[q] += GoldInside[i];
        }
        return (tokens, gold);
    }
}
