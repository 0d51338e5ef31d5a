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

    /// <summary>
    /// Reads a connection file. Refuses, unless <paramref name="allowInsecure"/>, an empty <c>key</c> (it turns
    /// message signing off, so anyone who can reach the ports can run code as this user) and a TCP <c>ip</c>
    /// that is not a loopback address (it exposes the kernel to the network). Jupyter itself always writes a key
    /// and 127.0.0.1 (issue 15).
    /// </summary>
    public static KernelConnection Read(string path, bool allowInsecure = false)
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
        if (!allowInsecure && string.IsNullOrEmpty(connection.Key))
            throw new InvalidDataException(
                $"{path}: the connection file has an empty 'key', which turns off message signing: anyone who can reach the kernel's ports " +
                "could run code as you. Jupyter always writes a key; pass --insecure to serve unsigned messages anyway.");
        if (!allowInsecure && connection.Transport == "tcp" && !IsLoopback(connection.Ip))
            throw new InvalidDataException(
                $"{path}: 'ip' {connection.Ip} is not a loopback address, so the kernel would listen on the network and anyone who " +
                "can reach it (and knows the key) could run code as you. Use 127.0.0.1, or pass --insecure if that is what you want.");
        return connection;
    }

    static bool IsLoopback(string ip) =>
        ip.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (System.Net.IPAddress.TryParse(ip, out var address) && System.Net.IPAddress.IsLoopback(address));
}
