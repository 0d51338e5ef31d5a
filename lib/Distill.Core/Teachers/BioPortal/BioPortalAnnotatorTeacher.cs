using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Distill.Corpora;
using Distill.Teachers.Llm;

namespace Distill.Teachers.BioPortal;

/// <summary>
/// A teacher backed by the BioPortal Annotator (<c>POST /annotator</c>). The note is sent with the
/// ontologies and semantic types of the asked entity type; each returned annotation's <c>from</c>/<c>to</c>
/// (1-based, inclusive) becomes the span [from − 1, to). Classes whose semantic types (when the service
/// reports them) do not include one of the rule's types are dropped; overlapping matches keep the longest.
/// The API key goes in the <c>Authorization: apikey token=…</c> header, never in the URL or the cache.
/// </summary>
internal sealed class BioPortalAnnotatorTeacher : ICacheableTeacher
{
    readonly HttpClient http;
    readonly string? apiKey;
    readonly BioPortalOptions options;

    /// <param name="name">Teacher name.</param>
    /// <param name="http">HTTP transport (tests pass one that reaches a loopback server); calls go through the teacher
    /// HTTP pipeline on top of it (<see cref="Http.TeacherHttp"/>: retries with Retry-After, timeouts, limits).</param>
    /// <param name="apiKey">BioPortal API key; null: only cached answers can be used.</param>
    /// <param name="options">Service settings.</param>
    /// <param name="clock">Time source of the pipeline's waits and timeouts (tests pass a fake one).</param>
    public BioPortalAnnotatorTeacher(string name, HttpClient http, string? apiKey, BioPortalOptions? options = null, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        this.apiKey = apiKey;
        this.options = options ?? new BioPortalOptions();
        this.http = Http.TeacherHttp.Create(http, this.options.Http(), clock);
    }

    public string Name { get; }
    public TeacherKind Kind => TeacherKind.Ontology;

    BioPortalTypeRule RuleFor(string entityType) =>
        options.Rules.TryGetValue(entityType, out var rule)
            ? rule
            : throw new ArgumentException($"BioPortal teacher '{Name}' has no ontology rule for entity type '{entityType}'; it has: {string.Join(", ", options.Rules.Keys)}.", nameof(entityType));

    public TeacherFingerprint Fingerprint(string entityType)
    {
        var rule = RuleFor(entityType);
        return new TeacherFingerprint(
            "bioportal:" + string.Join(",", rule.Ontologies),
            "",
            JsonSerializer.Serialize(new
            {
                endpoint = options.Endpoint.ToString(),
                semantic_types = rule.SemanticTypes,
                longest_only = options.LongestOnly,
                whole_word_only = options.WholeWordOnly,
                exclude_numbers = options.ExcludeNumbers,
                minimum_match_length = options.MinimumMatchLength,
            }),
            UsesNetwork: true);
    }

    public async Task<TeacherLabeling> LabelAsync(Document document, string entityType, CancellationToken cancellationToken = default)
    {
        if (apiKey is null)
            throw new InvalidOperationException($"Teacher '{Name}' has no BioPortal API key (set the environment variable named in the teachers file).");
        var rule = RuleFor(entityType);
        var started = Stopwatch.GetTimestamp();
        var (raw, error) = await PostAsync(document.Text, rule, cancellationToken).ConfigureAwait(false);
        if (error is not null)
            return TeacherLabeling.Failed(this, document, entityType, error, raw, Stopwatch.GetElapsedTime(started));
        try
        {
            var spans = Parse(raw, document.Text, entityType, rule);
            return new TeacherLabeling(Name, document.Id, entityType, spans, 0, 0, Stopwatch.GetElapsedTime(started), 0m, false, null, raw) { Kind = Kind };
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or InvalidOperationException or KeyNotFoundException)
        {
            return TeacherLabeling.Failed(this, document, entityType, $"unreadable annotator response: {e.Message}", raw, Stopwatch.GetElapsedTime(started));
        }
    }

    async Task<(string Raw, string? Error)> PostAsync(string text, BioPortalTypeRule rule, CancellationToken cancellationToken)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("text", text),
            new("ontologies", string.Join(",", rule.Ontologies)),
            new("longest_only", Flag(options.LongestOnly)),
            new("whole_word_only", Flag(options.WholeWordOnly)),
            new("exclude_numbers", Flag(options.ExcludeNumbers)),
            new("minimum_match_length", options.MinimumMatchLength.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("include", "prefLabel,semanticType"),
            new("display_links", "false"),
            new("display_context", "false"),
        };
        if (rule.SemanticTypes.Count > 0) form.Add(new("semantic_types", string.Join(",", rule.SemanticTypes)));
        var uri = new Uri(options.Endpoint, "annotator");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("apikey", "token=" + apiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = SecretRedaction.Redact(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false), apiKey);
            if (response.IsSuccessStatusCode) return (body, null);
            var status = (int)response.StatusCode;
            return RetryPolicy.IsRetryableStatus(status)
                ? (body, $"HTTP {status} after {Http.TeacherHttp.AttemptsOf(response)} attempts")
                : (body, $"HTTP {status} {response.ReasonPhrase}");
        }
        catch (Polly.Timeout.TimeoutRejectedException e)
        {
            return ("", $"timeout after {e.Timeout.TotalSeconds:0.###} s, {Http.TeacherHttp.AttemptsOf(e)} attempts");
        }
        catch (HttpRequestException e)
        {
            return ("", $"network error after {Http.TeacherHttp.AttemptsOf(e)} attempts: {SecretRedaction.Redact(e.Message, apiKey)}");
        }
    }

    static string Flag(bool value) => value ? "true" : "false";

    /// <summary>Annotator JSON (a list of {annotatedClass, annotations:[{from,to,text}]}) to spans.</summary>
    static IReadOnlyList<EntitySpan> Parse(string raw, string text, string entityType, BioPortalTypeRule rule)
    {
        using var json = JsonDocument.Parse(raw);
        if (json.RootElement.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"expected a JSON list of annotated classes, got {json.RootElement.ValueKind}");
        var candidates = new List<EntitySpan>();
        foreach (var item in json.RootElement.EnumerateArray())
        {
            var annotatedClass = item.GetProperty("annotatedClass");
            if (rule.SemanticTypes.Count > 0 && annotatedClass.TryGetProperty("semanticType", out var types) && types.ValueKind == JsonValueKind.Array)
            {
                var ids = types.EnumerateArray().Select(t => t.GetString() ?? "").Select(t => t[(t.LastIndexOf('/') + 1)..]);
                if (!ids.Any(rule.SemanticTypes.Contains)) continue;
            }
            foreach (var annotation in item.GetProperty("annotations").EnumerateArray())
            {
                // 1-based inclusive → 0-based half-open.
                int start = annotation.GetProperty("from").GetInt32() - 1, end = annotation.GetProperty("to").GetInt32();
                if (start < 0 || end > text.Length || start >= end)
                    throw new InvalidDataException($"annotation from={start + 1} to={end} is outside the text (length {text.Length})");
                candidates.Add(new EntitySpan(start, end, entityType, text[start..end]));
            }
        }
        return MentionLocator.LongestNonOverlapping(candidates);
    }
}
