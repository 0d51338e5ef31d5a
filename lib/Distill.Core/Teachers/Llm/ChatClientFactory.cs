using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using OpenAI;
using OpenAI.Chat;

namespace Distill.Teachers.Llm;

/// <summary>Which API a chat teacher talks to.</summary>
public enum ChatProvider
{
    /// <summary>OpenAI or any OpenAI-compatible server (Gemini's compatibility endpoint, vLLM, Ollama).</summary>
    OpenAI,
    /// <summary>An Azure OpenAI resource; the model name is the deployment name.</summary>
    Azure,
}

/// <summary>
/// Makes the chat client of a teacher. The SDK's own retries are switched off (the teacher retries, see
/// <see cref="RetryPolicy"/>); an <see cref="HttpClient"/> can be passed so tests reach a fake server.
/// </summary>
public static class ChatClientFactory
{
    public static ChatClient Create(ChatProvider provider, string model, string apiKey, Uri? endpoint = null, HttpClient? httpClient = null, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        var transport = httpClient is null ? null : new HttpClientPipelineTransport(httpClient);
        switch (provider)
        {
            case ChatProvider.OpenAI:
            {
                var options = new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0), NetworkTimeout = timeout ?? TimeSpan.FromMinutes(5) };
                if (endpoint is not null) options.Endpoint = endpoint;
                if (transport is not null) options.Transport = transport;
                return new ChatClient(model, new ApiKeyCredential(apiKey), options);
            }
            case ChatProvider.Azure:
            {
                if (endpoint is null) throw new ArgumentException("An Azure OpenAI teacher needs its resource endpoint (https://<name>.openai.azure.com/).", nameof(endpoint));
                var options = new AzureOpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0), NetworkTimeout = timeout ?? TimeSpan.FromMinutes(5) };
                if (transport is not null) options.Transport = transport;
                return new AzureOpenAIClient(endpoint, new ApiKeyCredential(apiKey), options).GetChatClient(model);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "unknown provider");
        }
    }
}
