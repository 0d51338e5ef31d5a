using Distill.Teachers;
using Distill.Teachers.Llm;
using Distill.Teachers.Llm.Batch;

namespace Distill.Tests.Teachers;

public sealed class SecretRedactionTests
{
    [Theory]
    [InlineData("Incorrect API key provided: sk-test-****6789.", "sk-test")]
    [InlineData("key sk-proj-AbCdEf0123456789", "sk-proj")]
    [InlineData("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abc.def", "eyJhbGci")]
    [InlineData("api-key: 0123456789abcdef0123456789abcdef", "0123456789abcdef")]
    [InlineData("Authorization: apikey token=8b5b7825-a5a2-4f3e-b1d1-5a9bbc2d1b2e", "8b5b7825")]
    [InlineData("{\"api_key\": \"hunter2hunter2\"}", "hunter2")]
    public void Key_shaped_strings_are_masked(string text, string secret)
    {
        var redacted = SecretRedaction.Redact(text);
        Assert.DoesNotContain(secret, redacted);
        Assert.Contains(SecretRedaction.Mask, redacted);
    }

    [Fact]
    public void A_known_secret_is_masked_wherever_it_occurs_and_ordinary_text_is_kept()
    {
        Assert.Equal($"x {SecretRedaction.Mask} y", SecretRedaction.Redact("x my-bioportal-key y", "my-bioportal-key"));
        const string answer = """["breast cancer", "gout"] with 120 prompt_tokens""";
        Assert.Equal(answer, SecretRedaction.Redact(answer));
        Assert.Null(SecretRedaction.RedactOrNull(null));
    }

    [Fact]
    public void BatchAccess_prints_everything_but_its_key()
    {
        // Issue 15: a notebook cell displaying a teacher's access would have saved the key into the .ipynb.
        var access = new BatchAccess(ChatProvider.OpenAI, new Uri("https://api.openai.com/v1/"), "sk-live-secret-value-123");
        Assert.DoesNotContain("secret-value", access.ToString());
        Assert.Contains("https://api.openai.com/v1/", access.ToString());
        Assert.Contains(SecretRedaction.Mask, access.ToString());
    }

    [Fact]
    public async Task A_Batch_API_error_never_carries_the_key()
    {
        await using var server = LoopbackServer.Scripted(new LoopbackResponse(401, """{"error":{"message":"Incorrect API key provided: azure-key-1234567890."}}"""));
        var api = new BatchApiClient(new HttpClient(), new BatchAccess(ChatProvider.Azure, server.BaseUri, "azure-key-1234567890"));
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => api.GetAsync("batch_1"));
        Assert.Contains("HTTP 401", e.Message);
        Assert.DoesNotContain("azure-key-1234567890", e.Message);
    }
}
