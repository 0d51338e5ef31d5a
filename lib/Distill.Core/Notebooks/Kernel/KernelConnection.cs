using System.Text.Json;
using System.Text.Json.Serialization;

namespace Distill.Notebooks.Kernel;

/// <summary>
/// The connection file Jupyter writes for a kernel it starts
/// (https://jupyter-client.readthedocs.io/en/stable/kernels.html#connection-files).
/// </summary>
public sealed record KernelConnection(
    [property: JsonPropertyName("ip")] string Ip,
    [property: JsonPropertyName("transport")] string Transport,
    [property: JsonPropertyName("shell_port")] int ShellPort,
    [property: JsonPropertyName("iopub_port")] int IopubPort,
    [property: JsonPropertyName("stdin_port")] int StdinPort,
    [property: JsonPropertyName("control_port")] int ControlPort,
    [property: JsonPropertyName("hb_port")] int HeartbeatPort,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("signature_scheme")] string SignatureScheme)
{
    public string Address(int port) => Transport == "ipc" ? $"ipc://{Ip}-{port}" : $"{Transport}://{Ip}:{port}";

    public static KernelConnection Read(string path)
    {
        KernelConnection? connection;
        try
        {
            connection = JsonSerializer.Deserialize<KernelConnection>(File.ReadAllText(path));
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            throw new InvalidDataException($"{path}: not a readable Jupyter connection file ({e.Message}).", e);
        }
        if (connection is null || string.IsNullOrEmpty(connection.Ip) || connection.ShellPort <= 0 || connection.IopubPort <= 0)
            throw new InvalidDataException($"{path}: a connection file needs ip, transport and the five ports (shell_port, iopub_port, stdin_port, control_port, hb_port).");
        if (!string.IsNullOrEmpty(connection.Key) && connection.SignatureScheme != "hmac-sha256")
            throw new InvalidDataException($"{path}: signature_scheme '{connection.SignatureScheme}' is not supported; expected hmac-sha256.");
        return connection;
    }
}
