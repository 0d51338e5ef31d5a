using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using System.Text.Json.Nodes;
using Distill.Teachers;
using Distill.Teachers.Http;
using Distill.Teachers.Llm;
using OpenAI;
using OpenAI.Files;
using OpenAI.FineTuning;

namespace Distill.Students.LlmFineTuning;

#pragma warning disable OPENAI001 // the fine-tuning client is marked experimental in the OpenAI SDK

/// <summary>
/// Fine-tunes a hosted model on the exported chat JSONL (issue 19) through the OpenAI SDK (OpenAI 2.15.0) or the Azure
/// REST API (the registry's Azure.AI.OpenAI 2.1.0 refuses fine-tuning and cannot read files beside OpenAI 2.15.0; see the
/// constructor): upload the files (purpose fine-tune), create the job, poll it until it ends, and
/// report the fine-tuned model's name. Requests go through the teacher HTTP pipeline (<see cref="TeacherHttp"/>) with
/// POSTs retried only on 429, since a repeated upload or job creation after a timeout would be paid twice. The job's
/// JSON is read through the SDK's protocol methods, so a field the SDK models differently across versions is still read.
/// </summary>
public sealed class FineTuningJobClient
{
    readonly OpenAIFileClient? files;
    readonly FineTuningClient? fineTuning;
    readonly HttpClient http;
    readonly Uri? azureEndpoint;
    readonly string provider;
    readonly string apiKey;

    /// <summary>The Azure OpenAI REST version of the fine-tuning calls (GA since 2024-10-21).</summary>
    public const string AzureApiVersion = "2024-10-21";

    /// <param name="provider">OpenAI (or an OpenAI-compatible server) or Azure.</param>
    /// <param name="apiKey">The key (kept in the clients only).</param>
    /// <param name="endpoint">API root (null: api.openai.com; required for Azure).</param>
    /// <param name="transport">HTTP transport (tests pass one that reaches a loopback server).</param>
    /// <param name="retry">Retry settings.</param>
    public FineTuningJobClient(ChatProvider provider, string apiKey, Uri? endpoint = null, HttpClient? transport = null, RetryPolicy? retry = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        this.apiKey = apiKey;
        http = TeacherHttp.Create(transport ?? new HttpClient(), new TeacherHttpOptions { Retry = retry ?? RetryPolicy.Default, RetryPosts = false });
        var pipeline = new HttpClientPipelineTransport(http);
        if (provider == ChatProvider.Azure)
        {
            if (endpoint is null) throw new ArgumentException("Azure OpenAI fine-tuning needs the resource endpoint (https://<name>.openai.azure.com/).", nameof(endpoint));
            // Azure.AI.OpenAI 2.1.0, the GA version the registry serves, cannot do this with the OpenAI 2.15.0 it runs beside:
            // GetFineTuningClient throws "Fine-tuning is not yet supported in the GA version", and its file client fails to
            // load OpenAI's InternalOpenAIFileObject (TypeLoadException). So the Azure calls are made over REST, as the preview
            // SDK makes them, on the same pipeline (checked against the fake server in the tests).
            azureEndpoint = endpoint;
            this.provider = "azure";
        }
        else
        {
            var options = new OpenAIClientOptions { Transport = pipeline, RetryPolicy = new ClientRetryPolicy(0) };
            if (endpoint is not null) options.Endpoint = endpoint;
            var client = new OpenAIClient(new ApiKeyCredential(apiKey), options);
            files = client.GetOpenAIFileClient();
            fineTuning = client.GetFineTuningClient();
            this.provider = "openai";
        }
    }

    /// <summary>Uploads the training (and validation) file and creates the job; returns its first status.</summary>
    public async Task<FineTuningJobRecord> StartAsync(string baseModel, string trainPath, string? validationPath, string? suffix = null,
        CancellationToken cancellationToken = default)
    {
        var trainId = await UploadAsync(trainPath, cancellationToken).ConfigureAwait(false);
        var validationId = validationPath is not null && new FileInfo(validationPath).Length > 0 ? await UploadAsync(validationPath, cancellationToken).ConfigureAwait(false) : null;
        var body = new JsonObject { ["model"] = baseModel, ["training_file"] = trainId };
        if (validationId is not null) body["validation_file"] = validationId;
        if (suffix is not null) body["suffix"] = suffix;
        string answer;
        if (fineTuning is not null)
        {
            var job = await Guard(() => fineTuning.FineTuneAsync(BinaryContent.Create(BinaryData.FromString(body.ToJsonString())), waitUntilCompleted: false,
                new RequestOptions { CancellationToken = cancellationToken })).ConfigureAwait(false);
            answer = job.GetRawResponse().Content.ToString();
        }
        else answer = await AzureAsync(HttpMethod.Post, "fine_tuning/jobs", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), cancellationToken).ConfigureAwait(false);
        return Read(answer, baseModel, trainId, validationId);
    }

    /// <summary>The job's current state.</summary>
    public async Task<FineTuningJobRecord> GetAsync(FineTuningJobRecord job, CancellationToken cancellationToken = default)
    {
        var answer = fineTuning is not null
            ? (await Guard(() => fineTuning.GetJobAsync(job.JobId, cancellationToken)).ConfigureAwait(false)).GetRawResponse().Content.ToString()
            : await AzureAsync(HttpMethod.Get, $"fine_tuning/jobs/{Uri.EscapeDataString(job.JobId)}", null, cancellationToken).ConfigureAwait(false);
        return Read(answer, job.BaseModel, job.TrainingFileId, job.ValidationFileId);
    }

    /// <summary>An Azure OpenAI fine-tuning REST call (<c>{endpoint}/openai/{path}?api-version=</c>, <c>api-key</c> header).</summary>
    async Task<string> AzureAsync(HttpMethod method, string path, HttpContent? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(azureEndpoint!, $"openai/{path}?api-version={AzureApiVersion}")) { Content = body };
        request.Headers.Add("api-key", apiKey);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException(SecretRedaction.Redact($"fine-tuning API: HTTP {(int)response.StatusCode}: {text}", apiKey), null, response.StatusCode);
        return text;
    }

    /// <summary>Polls every <paramref name="interval"/> until the job succeeds, fails or is cancelled, reporting each status seen.</summary>
    public async Task<FineTuningJobRecord> WaitAsync(FineTuningJobRecord job, TimeSpan interval, IProgress<FineTuningJobRecord>? progress = null,
        TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        clock ??= TimeProvider.System;
        while (!job.IsTerminal)
        {
            await Task.Delay(interval, clock, cancellationToken).ConfigureAwait(false);
            job = await GetAsync(job, cancellationToken).ConfigureAwait(false);
            progress?.Report(job);
        }
        return job;
    }

    async Task<string> UploadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Fine-tuning file not found: '{path}'.", path);
        if (files is null)
        {
            using var form = new MultipartFormDataContent { { new StringContent("fine-tune"), "purpose" } };
            var content = new ByteArrayContent(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/jsonl");
            form.Add(content, "file", Path.GetFileName(path));
            using var uploaded = JsonDocument.Parse(await AzureAsync(HttpMethod.Post, "files", form, cancellationToken).ConfigureAwait(false));
            return uploaded.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()!
                : throw new InvalidDataException("Azure OpenAI file upload answer has no 'id'.");
        }
        await using var stream = File.OpenRead(path);
        var file = await Guard(() => files.UploadFileAsync(stream, Path.GetFileName(path), FileUploadPurpose.FineTune, cancellationToken)).ConfigureAwait(false);
        return file.Value.Id;
    }

    /// <summary>SDK errors as one line without the key.</summary>
    async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (ClientResultException e)
        {
            throw new HttpRequestException(SecretRedaction.Redact($"fine-tuning API: HTTP {e.Status}: {e.GetRawResponse()?.Content.ToString() ?? e.Message}", apiKey), e);
        }
    }

    FineTuningJobRecord Read(string json, string baseModel, string trainId, string? validationId)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            string? S(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var error = root.TryGetProperty("error", out var err) ? S(err, "message") : null;
            return new FineTuningJobRecord(provider, S(root, "model") ?? baseModel, trainId, validationId,
                S(root, "id") ?? throw new InvalidDataException($"fine-tuning job answer has no 'id': {Clip(json)}"),
                S(root, "status") ?? "unknown", S(root, "fine_tuned_model"), error);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"fine-tuning job answer is not JSON ({e.Message}): {Clip(json)}", e);
        }
    }

    static string Clip(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
