using System.Text.Json;
using System.Text.RegularExpressions;
using Distill.Corpora;
using Distill.Corpora.Relations;

namespace Distill.Teachers.Relations;

/// <summary>
/// The offline relation teachers: drugs and adverse-event candidates from the shipped vocabularies
/// (<see cref="AdeMentionRecognizer"/>), paired by <see cref="AdePairingRule"/>. They read only the sentence text,
/// never the gold spans or relations; they need no key and cost nothing. Asked for <see cref="PairSpans.EntityType"/>
/// they answer pairs through <see cref="PairSpans"/>, so the teacher cache stores and replays them.
/// </summary>
public sealed partial class AdePatternTeacher : ICacheableTeacher
{
    readonly AdeMentionRecognizer mentions;

    public AdePatternTeacher(AdeMentionRecognizer mentions, AdePairingRule rule, AdePatternOptions? options = null, string? name = null)
    {
        this.mentions = mentions;
        Rule = rule;
        Options = options ?? new AdePatternOptions();
        Name = name ?? DefaultName(rule);
    }

    /// <summary>The three offline relation teachers (<c>ade-patterns</c>, <c>ade-nearest</c>, <c>ade-cooccurrence</c>) over one recognizer.</summary>
    public static IReadOnlyList<AdePatternTeacher> CreateAll(AdeMentionRecognizer mentions, AdePatternOptions? options = null) =>
        Enum.GetValues<AdePairingRule>().Select(r => new AdePatternTeacher(mentions, r, options)).ToArray();

    public static string DefaultName(AdePairingRule rule) => rule switch
    {
        AdePairingRule.Patterns => "ade-patterns",
        AdePairingRule.NearestDrug => "ade-nearest",
        _ => "ade-cooccurrence",
    };

    public string Name { get; }
    public TeacherKind Kind => TeacherKind.Rules;
    public AdePairingRule Rule { get; }
    public AdePatternOptions Options { get; }
    public AdeMentionRecognizer Mentions => mentions;

    public bool Supports(string entityType) => entityType == PairSpans.EntityType;

    public TeacherFingerprint Fingerprint(string entityType) => new(
        $"rules:ade:{mentions.Version}", "",
        JsonSerializer.Serialize(new
        {
            rule = Rule.ToString(),
            max_gap_words = Options.MaxGapWords,
            weak_cues = Options.WeakCues,
            max_distance_chars = Options.MaxDistanceChars,
            pattern_version = AdePatternOptions.PatternVersion,
        }),
        UsesNetwork: false);

    public Task<TeacherLabeling> LabelAsync(Document document, string entityType, CancellationToken cancellationToken = default) =>
        OfflineLabeling.Run(this, document, entityType, text => PairSpans.Encode(Pairs(text)),
            () => $"the relation teacher '{Name}' answers only '{PairSpans.EntityType}', not '{entityType}'", cancellationToken);

    /// <summary>The pairs this teacher finds in <paramref name="text"/>, in text order.</summary>
    public IReadOnlyList<AdePair> Pairs(string text)
    {
        var drugs = mentions.Drugs(text);
        if (drugs.Count == 0) return [];
        var events = mentions.Events(text, drugs);
        if (events.Count == 0) return [];
        var pairs = new List<AdePair>();
        switch (Rule)
        {
            case AdePairingRule.Patterns:
                foreach (var drug in drugs)
                    foreach (var ev in events)
                        if (Linked(text, drug, ev)) pairs.Add(new AdePair(drug, ev));
                break;
            case AdePairingRule.NearestDrug:
                if (!CausalCue().IsMatch(text)) break;
                foreach (var ev in events)
                {
                    var nearest = drugs.MinBy(d => Distance(d, ev));
                    if (nearest is not null && Distance(nearest, ev) <= Options.MaxDistanceChars) pairs.Add(new AdePair(nearest, ev));
                }
                break;
            default:
                if (!CausalCue().IsMatch(text)) break;
                foreach (var drug in drugs)
                    foreach (var ev in events)
                        if (Distance(drug, ev) <= Options.MaxDistanceChars) pairs.Add(new AdePair(drug, ev));
                break;
        }
        return pairs.OrderBy(p => p.Drug.Start).ThenBy(p => p.AdverseEvent.Start).ToArray();
    }

    static int Distance(EntitySpan a, EntitySpan b) => a.End <= b.Start ? b.Start - a.End : a.Start >= b.End ? a.Start - b.End : 0;

    /// <summary>Whether a case-report pattern links <paramref name="drug"/> to <paramref name="ev"/>, read from the words between them.</summary>
    bool Linked(string text, EntitySpan drug, EntitySpan ev)
    {
        if (drug.End <= ev.Start)
        {
            var between = text[drug.End..ev.Start].ToLowerInvariant();
            if (WordCount(between) > Options.MaxGapWords + 2) return false;
            // "azithromycin-induced ototoxicity", "heparin induced severe thrombocytopenia", "X therapy-associated Y"
            if (DrugFirstAdjectival().IsMatch(between)) return true;
            // "X ... caused / produced / led to / resulted in Y"; "treated with X, he developed Y"
            return WordCount(between) <= Options.MaxGapWords + 2 && DrugFirstVerbal().IsMatch(between);
        }
        if (ev.End <= drug.Start)
        {
            var between = text[ev.End..drug.Start].ToLowerInvariant();
            if (WordCount(between) > Options.MaxGapWords + 3) return false;
            // "Y due to / after / following / secondary to / caused by / associated with X", "Y in a patient treated with X"
            if (EventFirstStrong().IsMatch(between)) return true;
            return Options.WeakCues && EventFirstWeak().IsMatch(between);
        }
        return false;
    }

    static int WordCount(string s) => Words().Count(s);

    [GeneratedRegex(@"\w+")]
    private static partial Regex Words();

    [GeneratedRegex(@"^\s*(?:\)\s*)?(?:(?:therapy|treatment|use|exposure|administration|infusion|injection|overdose|intoxication|ingestion)\s*)?-?\s*(?:induced|associated|related|provoked|mediated|triggered|caused|dependent|attributed)\b[\s\w,'-]{0,60}$")]
    private static partial Regex DrugFirstAdjectival();

    [GeneratedRegex(@"\b(?:caused|causing|produced|producing|induced|inducing|led to|leading to|resulted in|resulting in|precipitated|developed|develop|experienced|presented with|complicated by)\b")]
    private static partial Regex DrugFirstVerbal();

    [GeneratedRegex(@"\b(?:due to|after|following|secondary to|caused by|induced by|associated with|related to|attributed to|attributable to|because of|in (?:a|an|two|three|the) (?:[\w-]+ ){0,4}(?:patients?|man|woman|boy|girl|child|infant|men|women) (?:treated|receiving|taking|on|given)(?: with)?|treated with|receiving|taking|given|exposure to|use of|administration of|therapy with|treatment with|toxicity of|overdose of|ingestion of)\b[\s\w,'()-]*$")]
    private static partial Regex EventFirstStrong();

    [GeneratedRegex(@"^[\s\w,'-]{0,40}\b(?:with|on|from|during|by)\b[\s\w-]{0,30}$")]
    private static partial Regex EventFirstWeak();

    [GeneratedRegex(@"(?i)\b(?:induced|associated|related|due to|after|following|secondary to|caused|causing|toxicity|adverse|side effects?|developed|complicat\w*|reaction|treated with|receiving|during)\b")]
    private static partial Regex CausalCue();
}
