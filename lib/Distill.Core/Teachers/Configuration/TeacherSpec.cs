namespace Distill.Teachers.Configuration;

/// <summary>
/// One entry of a teachers file (YAML or JSON, snake_case keys). Which keys apply depends on
/// <see cref="Provider"/>; <see cref="TeachersFile"/> checks them. API keys are never stored here: only the
/// name of the environment variable that holds one.
/// </summary>
public sealed class TeacherSpec
{
    /// <summary>Unique teacher name (cache key, tables). Simulated teachers are always named <c>simulated:&lt;profile&gt;</c>.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// <c>dictionary</c>, <c>mesh</c>, <c>morphology</c>, <c>abbreviation</c> (the offline teachers of <see cref="OfflineTeachers"/>),
    /// <c>embedding</c> (phrases matched to the dictionary's and MeSH's terms by sentence-embedding similarity), <c>simulated</c>, <c>openai</c> (any OpenAI-compatible endpoint), <c>azure</c> or <c>bioportal</c>.
    /// </summary>
    public string? Provider { get; set; }

    /// <summary>API root: OpenAI-compatible base URL (default api.openai.com), Azure resource URL, BioPortal REST root.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Model name (openai).</summary>
    public string? Model { get; set; }

    /// <summary>Deployment name (azure).</summary>
    public string? Deployment { get; set; }

    /// <summary>The model and version behind an Azure deployment (e.g. gpt-4o-2024-08-06); part of the cache key.</summary>
    public string? ModelVersion { get; set; }

    /// <summary>Name of the environment variable holding the API key.</summary>
    public string? ApiKeyEnv { get; set; }

    /// <summary>Sampling temperature (default 0.01, the study's).</summary>
    public float Temperature { get; set; } = 0.01f;

    /// <summary>Nucleus sampling (default 0.9, the study's).</summary>
    public float TopP { get; set; } = 0.9f;

    /// <summary>False for o1-style models that reject temperature/top_p (default true).</summary>
    public bool SupportsSamplingParameters { get; set; } = true;

    public int MaxOutputTokens { get; set; } = 4096;
    public int MaxChunkChars { get; set; } = 12_000;
    public decimal PriceInputPerMillion { get; set; }
    public decimal PriceOutputPerMillion { get; set; }
    public int? RequestsPerMinute { get; set; }
    public int? TokensPerMinute { get; set; }
    public int MaxRetries { get; set; } = 5;

    /// <summary>Time allowed for one HTTP attempt (default 120 s).</summary>
    public double TimeoutSeconds { get; set; } = 120;

    /// <summary>Time allowed for one call with all its retries (default: every attempt and every capped wait).</summary>
    public double? TotalTimeoutSeconds { get; set; }

    /// <summary>Cap on one wait between retries, a server's Retry-After included (default 60 s).</summary>
    public double MaxRetryDelaySeconds { get; set; } = 60;

    /// <summary>Wait out a server's Retry-After even when it is longer than the cap (up to a day; default false).</summary>
    public bool HonourRetryAfter { get; set; }

    /// <summary>Folder with <c>&lt;entity type&gt;.vN.txt</c> prompt templates (default the repository's prompts/).</summary>
    public string? PromptFolder { get; set; }

    /// <summary>Simulated teachers: a preset (oracle, good, noisy) or a name for the rates below.</summary>
    public string? Profile { get; set; }
    public double? MissRate { get; set; }
    public double? BoundaryErrorRate { get; set; }
    public double? FalsePositiveRate { get; set; }
    public int? Seed { get; set; }

    /// <summary>Dictionary teacher: also use RELATED synonyms.</summary>
    public bool IncludeRelatedSynonyms { get; set; }

    /// <summary>Embedding teacher: the cosine similarity a phrase needs to its nearest term (default: the dev-chosen one).</summary>
    public float? Threshold { get; set; }

    /// <summary>Embedding teacher: the sentence encoder, <c>minilm</c> (default) or <c>arctic-xs</c>.</summary>
    public string? Encoder { get; set; }
}

/// <summary>The root of a teachers file: <c>teachers: [ ... ]</c>.</summary>
internal sealed class TeachersFileContent
{
    public List<TeacherSpec> Teachers { get; set; } = [];
}
