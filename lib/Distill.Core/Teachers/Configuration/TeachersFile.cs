using Distill.Encoders;
using Distill.Teachers.Abbreviations;
using Distill.Teachers.BioPortal;
using Distill.Teachers.Dictionary;
using Distill.Teachers.Embedding;
using Distill.Teachers.Llm;
using Distill.Teachers.Morphology;
using Distill.Teachers.Simulated;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Distill.Teachers.Configuration;

/// <summary>
/// Reads a teachers file and builds the teachers it names. YAML (a JSON file is valid YAML, so both work).
/// Unknown keys, missing fields and bad values are errors naming the file and the teacher.
/// See <c>teachers.example.yaml</c> at the repository root.
/// </summary>
public static class TeachersFile
{
    public static IReadOnlyList<TeacherSpec> Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Teachers file not found: '{path}'.", path);
        var deserializer = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();
        TeachersFileContent? content;
        try
        {
            content = deserializer.Deserialize<TeachersFileContent>(File.ReadAllText(path));
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"{path}:{e.Start.Line}:{e.Start.Column}: {IO.MessageText.OneLine((e.InnerException ?? e).Message)}", e);
        }
        var specs = content?.Teachers ?? [];
        if (specs.Count == 0) throw new InvalidDataException($"{path}: no teachers (expected a 'teachers:' list).");
        for (var i = 0; i < specs.Count; i++)
        {
            // An empty list item ("- " alone) deserializes to null (found by the fuzzer: a NullReferenceException).
            var spec = specs[i] ?? throw new InvalidDataException($"{path}: teacher #{i + 1} is empty; each entry of 'teachers:' needs at least 'provider'.");
            string Where() => $"{path}: teacher #{i + 1}{(spec.Name is null ? "" : $" '{spec.Name}'")}";
            if (string.IsNullOrWhiteSpace(spec.Provider))
                throw new InvalidDataException($"{Where()}: 'provider' is required (dictionary, mesh, morphology, abbreviation, embedding, simulated, openai, azure, bioportal).");
            switch (spec.Provider)
            {
                case "openai" when string.IsNullOrWhiteSpace(spec.Model):
                    throw new InvalidDataException($"{Where()}: provider 'openai' needs 'model'.");
                case "azure" when string.IsNullOrWhiteSpace(spec.Deployment) || string.IsNullOrWhiteSpace(spec.Endpoint):
                    throw new InvalidDataException($"{Where()}: provider 'azure' needs 'endpoint' and 'deployment'.");
                case "openai" or "azure" or "bioportal" when string.IsNullOrWhiteSpace(spec.ApiKeyEnv):
                    throw new InvalidDataException($"{Where()}: provider '{spec.Provider}' needs 'api_key_env' (the name of the environment variable holding the key; keys are never written in the file).");
                case "embedding" when spec.Threshold is { } threshold && !(threshold is > -1f and <= 1f):
                    throw new InvalidDataException($"{Where()}: 'threshold' {threshold} is not a cosine similarity in (-1, 1].");
                case "embedding" when spec.Encoder is { } encoder && PretrainedEncoders.Find(encoder) is null:
                    throw new InvalidDataException($"{Where()}: unknown 'encoder' '{encoder}' (expected {string.Join(", ", PretrainedEncoders.All.Select(e => e.Name))}).");
                case "dictionary" or "mesh" or "morphology" or "abbreviation" or "embedding" or "simulated" or "openai" or "azure" or "bioportal":
                    break;
                default:
                    throw new InvalidDataException($"{Where()}: unknown provider '{spec.Provider}' (expected dictionary, mesh, morphology, abbreviation, embedding, simulated, openai, azure, bioportal).");
            }
            if (spec.IncludeRelatedSynonyms && spec.Provider != "dictionary")
                throw new InvalidDataException($"{Where()}: 'include_related_synonyms' applies to provider 'dictionary' only.");
            static bool Positive(double? seconds) => seconds is null || (double.IsFinite(seconds.Value) && seconds > 0 && seconds <= 86_400);
            if (!Positive(spec.TimeoutSeconds) || !Positive(spec.TotalTimeoutSeconds) || !Positive(spec.MaxRetryDelaySeconds))
                throw new InvalidDataException($"{Where()}: timeout_seconds, total_timeout_seconds and max_retry_delay_seconds must be positive numbers of seconds up to a day.");
            if (spec.MaxRetries is < 0 or > 100)
                throw new InvalidDataException($"{Where()}: max_retries must be between 0 and 100, got {spec.MaxRetries}.");
            if (spec.RequestsPerMinute is < 1 || spec.TokensPerMinute is < 1)
                throw new InvalidDataException($"{Where()}: requests_per_minute and tokens_per_minute must be at least 1 when given.");
            // Values the teachers check only when they run (found by the fuzzer: a negative false_positive_rate passed here
            // and threw ArgumentOutOfRangeException when the teacher was built), checked here so the error names the file.
            static bool Rate(double? r) => r is null || r is >= 0 and <= 1;
            if (!Rate(spec.MissRate) || !Rate(spec.BoundaryErrorRate) || spec.FalsePositiveRate is < 0 or double.NaN or double.PositiveInfinity)
                throw new InvalidDataException($"{Where()}: miss_rate and boundary_error_rate must be in [0, 1], false_positive_rate a finite number >= 0.");
            if (spec.Provider == "simulated" && spec.Profile is { Length: 0 })
                throw new InvalidDataException($"{Where()}: 'profile' must name a preset ({string.Join(", ", SimulatedTeacherProfile.Presets.Select(p => p.Name))}) or a custom profile.");
            if (spec.MaxChunkChars < 16 || spec.MaxOutputTokens < 1)
                throw new InvalidDataException($"{Where()}: max_chunk_chars must be at least 16 and max_output_tokens at least 1.");
            if (!float.IsFinite(spec.Temperature) || spec.Temperature is < 0 or > 2 || !float.IsFinite(spec.TopP) || spec.TopP is <= 0 or > 1)
                throw new InvalidDataException($"{Where()}: temperature must be in [0, 2] and top_p in (0, 1].");
            if (spec.PriceInputPerMillion < 0 || spec.PriceOutputPerMillion < 0)
                throw new InvalidDataException($"{Where()}: prices per million tokens must be >= 0.");
            if (spec.Provider == "bioportal" && spec.Endpoint is not null && !Uri.TryCreate(spec.Endpoint, UriKind.Absolute, out _))
                throw new InvalidDataException($"{Where()}: 'endpoint' '{spec.Endpoint}' is not an absolute URL.");
            if (spec.Provider is "openai" or "azure" && spec.Endpoint is not null && !Uri.TryCreate(spec.Endpoint, UriKind.Absolute, out _))
                throw new InvalidDataException($"{Where()}: 'endpoint' '{spec.Endpoint}' is not an absolute URL.");
        }
        return specs;
    }

    /// <summary>
    /// Builds the teachers of <paramref name="specs"/>. A missing API key does not fail here: the teacher can
    /// still replay cached answers (<c>--offline</c>) and says which variable to set if it must call.
    /// </summary>
    /// <param name="specs">The teachers file's entries.</param>
    /// <param name="dictionary">The dictionary teacher to share (built once: loading the vocabularies takes ~1 s); the
    /// mesh, morphology and abbreviation teachers are built around it (<see cref="OfflineTeachers"/>), once, when one is named.</param>
    /// <param name="environment">Looks up environment variables (tests pass their own).</param>
    /// <param name="httpClient">HTTP client for network teachers (tests pass one that reaches a loopback server).</param>
    public static IReadOnlyList<ITeacher> Build(IReadOnlyList<TeacherSpec> specs, Lazy<DictionaryTeacher> dictionary,
        Func<string, string?>? environment = null, HttpClient? httpClient = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var offline = new Lazy<OfflineTeachers>(() => OfflineTeachers.Create(dictionary.Value));
        var teachers = new List<ITeacher>();
        foreach (var spec in specs)
        {
            switch (spec.Provider)
            {
                case "dictionary":
                    teachers.Add(spec.IncludeRelatedSynonyms || (spec.Name is not null && spec.Name != dictionary.Value.Name)
                        ? new DictionaryTeacher(Lexicon.Load(new LexiconOptions { IncludeRelatedSynonyms = spec.IncludeRelatedSynonyms }),
                            new LexiconOptions { IncludeRelatedSynonyms = spec.IncludeRelatedSynonyms }, spec.Name ?? "dictionary")
                        : dictionary.Value);
                    break;
                case "embedding":
                    teachers.Add(BuildEmbedding(spec, offline.Value));
                    break;
                case "mesh":
                    var mesh = offline.Value.Mesh;
                    teachers.Add(SharedOrRenamed(spec, mesh, name => new DictionaryTeacher(mesh.Lexicon, mesh.Options, name)));
                    break;
                case "morphology":
                    var morphology = offline.Value.Morphology;
                    teachers.Add(SharedOrRenamed(spec, morphology, name => new MorphologyTeacher(morphology.Options, name)));
                    break;
                case "abbreviation":
                    var abbreviation = offline.Value.Abbreviation;
                    teachers.Add(SharedOrRenamed(spec, abbreviation, name => new AbbreviationTeacher(abbreviation.Recognizer, abbreviation.Options, name)));
                    break;
                case "simulated":
                    var profile = spec.Profile is { } preset && SimulatedTeacherProfile.Presets.Any(p => p.Name == preset)
                        ? SimulatedTeacherProfile.Preset(preset)
                        : new SimulatedTeacherProfile(spec.Profile ?? "custom");
                    profile = profile with
                    {
                        MissRate = spec.MissRate ?? profile.MissRate,
                        BoundaryErrorRate = spec.BoundaryErrorRate ?? profile.BoundaryErrorRate,
                        FalsePositiveRate = spec.FalsePositiveRate ?? profile.FalsePositiveRate,
                        Seed = spec.Seed ?? profile.Seed,
                    };
                    teachers.Add(new SimulatedTeacher(profile, type => dictionary.Value.EntityTypes.Contains(type) ? dictionary.Value.MatcherFor(type) : null));
                    break;
                case "openai" or "azure":
                    teachers.Add(BuildLlm(spec, environment, httpClient));
                    break;
                case "bioportal":
                    var key = environment(spec.ApiKeyEnv!);
                    teachers.Add(new BioPortalAnnotatorTeacher(spec.Name ?? "bioportal", httpClient ?? new HttpClient(), string.IsNullOrEmpty(key) ? null : key,
                        new BioPortalOptions
                        {
                            Endpoint = spec.Endpoint is null ? new BioPortalOptions().Endpoint : new Uri(spec.Endpoint),
                            Timeout = TimeSpan.FromSeconds(spec.TimeoutSeconds),
                            TotalTimeout = spec.TotalTimeoutSeconds is { } total ? TimeSpan.FromSeconds(total) : null,
                            Retry = Retry(spec),
                            RequestsPerMinute = spec.RequestsPerMinute,
                        }));
                    break;
            }
        }
        return teachers;
    }

    /// <summary>The embedding teacher an entry describes, over the dictionary's and MeSH's terms (<see cref="EmbeddingTeacher.Create"/>).</summary>
    static EmbeddingTeacher BuildEmbedding(TeacherSpec spec, OfflineTeachers offline)
    {
        var defaults = new EmbeddingTeacherOptions();
        var options = defaults with
        {
            Threshold = spec.Threshold ?? defaults.Threshold,
            Encoder = spec.Encoder is { } name ? PretrainedEncoders.Find(name)! : defaults.Encoder,
        };
        return EmbeddingTeacher.Create(offline, options, name: spec.Name ?? "embedding");
    }

    /// <summary>The shared offline teacher, or the same teacher under the entry's own name (a second cache entry).</summary>
    static ITeacher SharedOrRenamed(TeacherSpec spec, ITeacher shared, Func<string, ITeacher> renamed) =>
        spec.Name is null || spec.Name == shared.Name ? shared : renamed(spec.Name);

    /// <summary>The options an LLM entry describes (model = deployment for Azure).</summary>
    public static LlmTeacherOptions LlmOptions(TeacherSpec spec) => new()
    {
        Model = spec.Provider == "azure" ? spec.Deployment! : spec.Model!,
        Provider = spec.Provider == "azure" ? ChatProvider.Azure : ChatProvider.OpenAI,
        Endpoint = spec.Endpoint is null ? null : new Uri(spec.Endpoint),
        // Azure: the deployment hides the model, so model_version (or model) names it; OpenAI: the model name is the version.
        ModelVersion = spec.ModelVersion ?? (spec.Provider == "azure" ? spec.Model : null),
        Temperature = spec.Temperature,
        TopP = spec.TopP,
        SupportsSamplingParameters = spec.SupportsSamplingParameters,
        MaxOutputTokens = spec.MaxOutputTokens,
        MaxChunkChars = spec.MaxChunkChars,
        PricePerMillionInputTokens = spec.PriceInputPerMillion,
        PricePerMillionOutputTokens = spec.PriceOutputPerMillion,
        RequestsPerMinute = spec.RequestsPerMinute,
        TokensPerMinute = spec.TokensPerMinute,
        Timeout = TimeSpan.FromSeconds(spec.TimeoutSeconds),
        TotalTimeout = spec.TotalTimeoutSeconds is { } total ? TimeSpan.FromSeconds(total) : null,
        Retry = Retry(spec),
    };

    static RetryPolicy Retry(TeacherSpec spec) => RetryPolicy.Default with
    {
        MaxRetries = spec.MaxRetries,
        MaxDelay = TimeSpan.FromSeconds(spec.MaxRetryDelaySeconds),
        HonourLongerRetryAfter = spec.HonourRetryAfter,
    };

    static LlmTeacher BuildLlm(TeacherSpec spec, Func<string, string?> environment, HttpClient? httpClient)
    {
        var options = LlmOptions(spec);
        var name = spec.Name ?? options.Model;
        Func<string, PromptTemplate> prompts = spec.PromptFolder is { } folder ? type => PromptTemplate.Latest(type, folder) : type => PromptTemplate.Latest(type);
        var key = environment(spec.ApiKeyEnv!);
        if (string.IsNullOrEmpty(key))
            return new LlmTeacher(name, null, options, prompts, clientError: $"the environment variable {spec.ApiKeyEnv} (api_key_env) is not set");
        var provider = spec.Provider == "azure" ? ChatProvider.Azure : ChatProvider.OpenAI;
        var endpoint = spec.Endpoint is null ? null : new Uri(spec.Endpoint);
        var client = ChatClientFactory.Create(provider, options.Model, key, endpoint, httpClient, options.Http());
        return new LlmTeacher(name, client, options, prompts)
        {
            BatchAccess = new Llm.Batch.BatchAccess(provider, endpoint ?? new Uri("https://api.openai.com/v1/"), key),
        };
    }
}
