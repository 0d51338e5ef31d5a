namespace Distill.Teachers.BioPortal;

/// <summary>Which ontologies and UMLS semantic types answer for one entity type.</summary>
/// <param name="Ontologies">BioPortal ontology acronyms (SNOMEDCT, RXNORM, ...).</param>
/// <param name="SemanticTypes">UMLS semantic type ids (T047, ...); empty: any class of those ontologies.</param>
internal sealed record BioPortalTypeRule(IReadOnlyList<string> Ontologies, IReadOnlyList<string> SemanticTypes);

/// <summary>
/// Settings of the BioPortal Annotator teacher. Defaults follow the reference study: SNOMED CT for diseases and
/// symptoms, RxNorm for medications, longest matches on whole words, numbers excluded.
/// </summary>
internal sealed record BioPortalOptions
{
    /// <summary>REST root of the service (default the public NCBO BioPortal).</summary>
    public Uri Endpoint { get; init; } = new("https://data.bioontology.org/");

    /// <summary>Only the longest of overlapping matches (default true).</summary>
    public bool LongestOnly { get; init; } = true;

    /// <summary>Matches must start and end on word boundaries (default true).</summary>
    public bool WholeWordOnly { get; init; } = true;

    /// <summary>Skip matches that are numbers (default true).</summary>
    public bool ExcludeNumbers { get; init; } = true;

    /// <summary>Shortest match in characters (default 3, as the dictionary teacher).</summary>
    public int MinimumMatchLength { get; init; } = 3;

    /// <summary>Time allowed for one HTTP attempt (default 60 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Time allowed for one call with all its retries (default null: every attempt and every capped wait).</summary>
    public TimeSpan? TotalTimeout { get; init; }

    public Llm.RetryPolicy Retry { get; init; } = Llm.RetryPolicy.Default;

    /// <summary>Client-side requests per minute, per attempt (default null; BioPortal allows 15 per second per key).</summary>
    public int? RequestsPerMinute { get; init; }

    /// <summary>The HTTP pipeline settings these options describe.</summary>
    public Http.TeacherHttpOptions Http() => new()
    {
        Retry = Retry,
        AttemptTimeout = Timeout,
        TotalTimeout = TotalTimeout,
        RequestsPerMinute = RequestsPerMinute,
        JitterSeed = 23,
    };

    /// <summary>
    /// Entity type → ontologies and semantic types. Disease: Disease or Syndrome (T047), Neoplastic Process (T191),
    /// Mental or Behavioral Dysfunction (T048), Congenital Abnormality (T019); symptom: Sign or Symptom (T184);
    /// medication: any RxNorm class.
    /// </summary>
    public IReadOnlyDictionary<string, BioPortalTypeRule> Rules { get; init; } = new Dictionary<string, BioPortalTypeRule>
    {
        [Corpora.EntityTypes.Disease] = new(["SNOMEDCT"], ["T047", "T191", "T048", "T019"]),
        [Corpora.EntityTypes.Symptom] = new(["SNOMEDCT"], ["T184"]),
        [Corpora.EntityTypes.Medication] = new(["RXNORM"], []),
    };
}
