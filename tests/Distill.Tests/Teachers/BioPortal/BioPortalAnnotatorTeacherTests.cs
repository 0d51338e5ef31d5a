using System.Web;
using Distill.Corpora;
using Distill.Teachers;
using Distill.Teachers.BioPortal;
using Distill.Teachers.Cache;
using Distill.Teachers.Llm;

namespace Distill.Tests.Teachers.BioPortal;

/// <summary>The BioPortal Annotator teacher against a loopback server replaying a response in the real wire format.</summary>
public class BioPortalAnnotatorTeacherTests
{
    static readonly Document Note = new("n1", "Patient with breast cancer and headache, taking aspirin.");
    static readonly string Canned = File.ReadAllText(TeacherTestData.File("bioportal-annotator-response.json"));

    static BioPortalAnnotatorTeacher Teacher(LoopbackServer server, string? key = "bp-key") =>
        new("bioportal", new HttpClient(), key, new BioPortalOptions
        {
            Endpoint = server.BaseUri,
            Retry = new RetryPolicy(2, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(5)),
        });

    [Fact]
    public async Task Converts_one_based_inclusive_offsets_filters_semantic_types_and_keeps_the_longest()
    {
        await using var server = LoopbackServer.Scripted(LoopbackResponse.Json(Canned));
        var labeling = await Teacher(server).LabelAsync(Note, "disease");
        Assert.True(labeling.Succeeded, labeling.Error);
        var span = Assert.Single(labeling.Spans); // headache is T184 (a symptom); "cancer" lies inside "breast cancer"
        Assert.Equal((13, 26, "breast cancer"), (span.Start, span.End, span.Text));
        Assert.Equal(TeacherKind.Ontology, labeling.Kind);

        var symptoms = await Teacher(server).LabelAsync(Note, "symptom");
        Assert.Equal(["headache"], symptoms.Spans.Select(s => s.Text));
    }

    [Fact]
    public async Task Sends_the_annotator_parameters_and_the_key_in_the_header()
    {
        await using var server = LoopbackServer.Scripted(LoopbackResponse.Json(Canned));
        await Teacher(server).LabelAsync(Note, "disease");
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/annotator", request.PathAndQuery);
        Assert.Equal("apikey token=bp-key", request.Headers["Authorization"]);
        var form = HttpUtility.ParseQueryString(request.Body);
        Assert.Equal(Note.Text, form["text"]);
        Assert.Equal("SNOMEDCT", form["ontologies"]);
        Assert.Equal("T047,T191,T048,T019", form["semantic_types"]);
        Assert.Equal(("true", "true", "true", "3"), (form["longest_only"], form["whole_word_only"], form["exclude_numbers"], form["minimum_match_length"]));
        Assert.DoesNotContain("bp-key", request.PathAndQuery + request.Body);
    }

    [Fact]
    public async Task Retries_429_with_Retry_After_and_records_persistent_errors()
    {
        await using var server = LoopbackServer.Scripted(
            new LoopbackResponse(429, "{\"errors\":[\"rate limit\"]}", new Dictionary<string, string> { ["Retry-After"] = "0" }),
            new LoopbackResponse(500, "{\"errors\":[\"boom\"]}"),
            LoopbackResponse.Json(Canned));
        Assert.True((await Teacher(server).LabelAsync(Note, "disease")).Succeeded);
        Assert.Equal(3, server.Requests.Count);

        await using var broken = LoopbackServer.Scripted(new LoopbackResponse(503, "unavailable"));
        var failed = await Teacher(broken).LabelAsync(Note, "disease");
        Assert.Contains("HTTP 503 after 3 attempts", failed.Error);
    }

    [Fact]
    public async Task Malformed_responses_and_offsets_outside_the_text_are_failed_labelings()
    {
        await using var malformed = LoopbackServer.Scripted(LoopbackResponse.Json("[{\"annotatedClass\": {"));
        var failed = await Teacher(malformed).LabelAsync(Note, "disease");
        Assert.StartsWith("unreadable annotator response", failed.Error);
        Assert.Equal("[{\"annotatedClass\": {", failed.RawResponse);

        await using var outside = LoopbackServer.Scripted(LoopbackResponse.Json(
            "[{\"annotatedClass\": {\"@id\": \"x\"}, \"annotations\": [{\"from\": 50, \"to\": 90, \"matchType\": \"PREF\", \"text\": \"X\"}]}]"));
        Assert.Contains("outside the text", (await Teacher(outside).LabelAsync(Note, "medication")).Error);
    }

    [Fact]
    public async Task Answers_are_cached_like_any_teacher()
    {
        await using var server = LoopbackServer.Scripted(LoopbackResponse.Json(Canned));
        await using var cache = SqliteTeacherCache.Open(Path.Combine(TeacherTestData.TempFolder(), "c.sqlite"));
        var teacher = new CachedTeacher(Teacher(server), cache);
        await teacher.LabelAsync(Note, "disease");
        var again = await new CachedTeacher(Teacher(server, key: null), cache, offline: true).LabelAsync(Note, "disease");
        Assert.True(again.FromCache);
        Assert.Equal(["breast cancer"], again.Spans.Select(s => s.Text));
        Assert.Single(server.Requests);
    }
}
