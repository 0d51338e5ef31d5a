using System.Diagnostics;
using Distill.Corpora;
using Distill.Corpora.Relations;
using Distill.Teachers.Llm;

namespace Distill.Teachers.Relations;

/// <summary>
/// An LLM relation teacher (Gu et al. 2023's GPT-3.5/GPT-4 teacher): the versioned pair prompt
/// (<c>prompts/ade_pair.vN.txt</c>, its hash in the cache key) asks for a JSON list of <c>{"drug", "adverse_event"}</c>
/// copied from the sentence; the answer is read by <see cref="AdePairParser"/> and each named mention located in the
/// text (<see cref="MentionLocator"/>, word boundaries; of several occurrences, the drug and event occurrences that lie
/// closest together). A pair one of whose strings is not in the sentence is counted (<see cref="TeacherLabeling.MentionsNotFound"/>),
/// not emitted. The model, client, HTTP pipeline (retries, limits), pricing and fingerprint are the wrapped
/// <see cref="LlmTeacher"/>'s, so the answers are cached and costed like its span answers.
/// </summary>
internal sealed class LlmPairTeacher(LlmTeacher inner) : ICacheableTeacher
{
    public string Name => inner.Name;
    public TeacherKind Kind => TeacherKind.Llm;
    public LlmTeacher Inner => inner;

    public bool Supports(string entityType) => entityType == PairSpans.EntityType;

    public TeacherFingerprint Fingerprint(string entityType) => inner.Fingerprint(entityType);

    public async Task<TeacherLabeling> LabelAsync(Document document, string entityType, CancellationToken cancellationToken = default)
    {
        if (!Supports(entityType))
            return TeacherLabeling.Failed(this, document, entityType, $"the pair teacher '{Name}' answers only '{PairSpans.EntityType}'", null, TimeSpan.Zero);
        var started = Stopwatch.GetTimestamp();
        // ADE-Corpus-V2 items are single sentences, so there is no chunking; a longer text is sent whole.
        var call = await inner.CallAsync(inner.PromptFor(entityType).Render(document.Text), cancellationToken).ConfigureAwait(false);
        var latency = Stopwatch.GetElapsedTime(started);
        var cost = inner.Options.Cost(call.InputTokens, call.OutputTokens);
        if (call.Error is not null)
            return TeacherLabeling.Failed(this, document, entityType, call.Error, call.Raw, latency, call.InputTokens, call.OutputTokens, cost);
        var parsed = AdePairParser.Parse(call.Content);
        if (!parsed.Succeeded)
            return TeacherLabeling.Failed(this, document, entityType, $"unparseable answer: {parsed.Error}", call.Raw, latency, call.InputTokens, call.OutputTokens, cost);
        var (pairs, notFound) = Locate(document.Text, parsed.Pairs);
        return new TeacherLabeling(Name, document.Id, entityType, PairSpans.Encode(pairs), call.InputTokens, call.OutputTokens, latency, cost, false, null, call.Raw)
        { Kind = Kind, MentionsNotFound = notFound };
    }

    /// <summary>Places each named pair in <paramref name="text"/>; pairs with a string not found are counted, not returned.</summary>
    public static (IReadOnlyList<AdePair> Pairs, int NotFound) Locate(string text, IReadOnlyList<NamedPair> named)
    {
        var pairs = new List<AdePair>();
        var notFound = 0;
        foreach (var pair in named)
        {
            var drugs = MentionLocator.Locate(text, [pair.Drug], AdeTypes.Drug).Spans;
            var events = MentionLocator.Locate(text, [pair.AdverseEvent], AdeTypes.AdverseEffect).Spans;
            var best = drugs.SelectMany(d => events.Where(e => !e.Overlaps(d)).Select(e => (Drug: d, Event: e)))
                .OrderBy(x => Math.Abs(x.Drug.Start - x.Event.Start)).FirstOrDefault();
            if (best.Drug is null) { notFound++; continue; }
            var located = new AdePair(best.Drug, best.Event);
            if (!pairs.Any(p => p.Key == located.Key)) pairs.Add(located);
        }
        return (pairs.OrderBy(p => p.Drug.Start).ThenBy(p => p.AdverseEvent.Start).ToArray(), notFound);
    }
}
