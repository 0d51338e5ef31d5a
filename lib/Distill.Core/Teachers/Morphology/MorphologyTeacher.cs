using System.Text.Json;
using Distill.Corpora;

namespace Distill.Teachers.Morphology;

/// <summary>
/// The <c>morphology</c> teacher: disease mentions found by word formation and noun-phrase shape
/// (<see cref="DiseasePhraseMatcher"/>), with no vocabulary, so it also finds rare diseases no lexicon lists
/// ("atelosteogenesis type 2", "X-linked adrenoleukodystrophy"). A labeling function in the Snorkel/skweak
/// sense: offline, deterministic, free. Disease only.
/// </summary>
/// <remarks>
/// Tuned on the NCBI Disease dev split only (100 abstracts). Token-level P / R / F1 there, all rules on:
/// 0.946 / 0.782 / 0.856. With one rule off (<see cref="MorphologyOptions"/>):
/// <list type="table">
/// <item><term>no suffix heads</term><description>0.947 / 0.600 / 0.735</description></item>
/// <item><term>no head nouns</term><description>0.950 / 0.264 / 0.414</description></item>
/// <item><term>no "X-deficient"</term><description>0.945 / 0.762 / 0.843</description></item>
/// <item><term>no left extension over modifiers</term><description>0.981 / 0.280 / 0.435</description></item>
/// <item><term>no coordination</term><description>0.950 / 0.728 / 0.824</description></item>
/// <item><term>no post-modifiers</term><description>0.946 / 0.754 / 0.839</description></item>
/// </list>
/// The exclusion lists, each removed alone: suffix exceptions (diagnosis, apoptosis, ...) 0.924 / 0.782 / 0.847;
/// generic heads allowed alone ("the disease") 0.921 / 0.784 / 0.847; no edge trimming ("severe", "human",
/// populations) 0.912 / 0.784 / 0.843; -ing words as modifiers 0.944 / 0.782 / 0.855.
/// </remarks>
public sealed class MorphologyTeacher : ICacheableTeacher
{
    public const string DefaultName = "morphology";

    readonly DiseasePhraseMatcher matcher;

    public MorphologyTeacher(MorphologyOptions? options = null, string name = DefaultName)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        matcher = new DiseasePhraseMatcher(options);
        Name = name;
    }

    public string Name { get; }
    public TeacherKind Kind => TeacherKind.Rules;
    public MorphologyOptions Options => matcher.Options;
    public DiseasePhraseMatcher Matcher => matcher;

    public bool Supports(string entityType) => entityType == EntityTypes.Disease;

    public TeacherFingerprint Fingerprint(string entityType) => new(
        $"rules:morphology:{DiseaseMorphology.Version}",
        "",
        JsonSerializer.Serialize(new
        {
            suffix_heads = Options.SuffixHeads,
            head_nouns = Options.HeadNouns,
            deficient_adjectives = Options.DeficientAdjectives,
            modifier_extension = Options.ModifierExtension,
            coordination = Options.Coordination,
            post_modifiers = Options.PostModifiers,
            max_modifiers = Options.MaxModifiers,
            // The word lists are hashed into the model string; the algorithm's version is bumped by hand when it changes.
            matcher_version = 1,
        }),
        UsesNetwork: false);

    public Task<TeacherLabeling> LabelAsync(Document document, string entityType, CancellationToken cancellationToken = default) =>
        OfflineLabeling.Run(this, document, entityType, text => matcher.Match(text, entityType),
            () => $"the morphology teacher labels only '{EntityTypes.Disease}', not '{entityType}'", cancellationToken);
}
