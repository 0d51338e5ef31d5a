using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Distill.Notebooks.Kernel;

/// <summary>A message whose HMAC signature does not match: dropped, never executed.</summary>
public sealed class InvalidSignatureException(string message) : Exception(message);

/// <summary>
/// One Jupyter message (protocol 5.3, https://jupyter-client.readthedocs.io/en/stable/messaging.html).
/// On the wire: routing identities, the <c>&lt;IDS|MSG&gt;</c> delimiter, the HMAC signature, then header,
/// parent header, metadata and content as JSON, then optional binary buffers.
/// </summary>
public sealed record JupyterMessage(
    IReadOnlyList<byte[]> Identities,
    JsonObject Header,
    JsonObject ParentHeader,
    JsonObject Metadata,
    JsonObject Content,
    IReadOnlyList<byte[]>? Buffers = null)
{
    public const string ProtocolVersion = "5.3";
    static readonly byte[] Delimiter = "<IDS|MSG>"u8.ToArray();

    /// <summary>The header's msg_type ("" when absent; <see cref="Parse"/> refuses a message whose msg_type is not a string).</summary>
    public string Type => StringField(Header, "msg_type") ?? "";

    /// <summary>A reply or broadcast caused by <paramref name="parent"/> (same session, routed to the same client).</summary>
    public static JupyterMessage Create(string type, JsonObject content, JupyterMessage? parent, IReadOnlyList<byte[]>? identities = null) => new(
        identities ?? parent?.Identities ?? [],
        new JsonObject
        {
            ["msg_id"] = Guid.NewGuid().ToString(),
            ["session"] = (parent is null ? null : StringField(parent.Header, "session")) ?? KernelSessionId,
            ["username"] = "kernel",
            ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            ["msg_type"] = type,
            ["version"] = ProtocolVersion,
        },
        (JsonObject?)parent?.Header.DeepClone() ?? new JsonObject(),
        new JsonObject(),
        content);

    static readonly string KernelSessionId = Guid.NewGuid().ToString();

    /// <summary>Frames to send, signed with <paramref name="key"/> (no signature when the key is empty).</summary>
    public List<byte[]> ToFrames(byte[] key)
    {
        var parts = new[] { Header, ParentHeader, Metadata, Content }.Select(p => Encoding.UTF8.GetBytes(p.ToJsonString())).ToArray();
        var frames = new List<byte[]>(Identities);
        frames.Add(Delimiter);
        frames.Add(Encoding.ASCII.GetBytes(Sign(key, parts)));
        frames.AddRange(parts);
        if (Buffers is not null) frames.AddRange(Buffers);
        return frames;
    }

    /// <summary>Parses received frames and checks the signature in constant time.</summary>
    public static JupyterMessage Parse(IReadOnlyList<byte[]> frames, byte[] key)
    {
        var delimiter = -1;
        for (var i = 0; i < frames.Count; i++)
            if (frames[i].AsSpan().SequenceEqual(Delimiter)) { delimiter = i; break; }
        if (delimiter < 0 || frames.Count < delimiter + 6)
            throw new InvalidDataException($"not a Jupyter message: expected <IDS|MSG> followed by 5 frames, got {frames.Count} frames.");
        var parts = frames.Skip(delimiter + 2).Take(4).ToArray();
        var signature = Encoding.ASCII.GetString(frames[delimiter + 1]);
        if (key.Length > 0 && !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(key, parts)), Encoding.ASCII.GetBytes(signature)))
            throw new InvalidSignatureException("message signature does not match the connection key.");
        JsonObject Object(byte[] bytes, string what)
        {
            try
            {
                return JsonNode.Parse(bytes) as JsonObject ?? throw new InvalidDataException($"message {what} is not a JSON object.");
            }
            catch (System.Text.Json.JsonException e)
            {
                throw new InvalidDataException($"message {what} is not JSON ({e.Message}).", e);
            }
        }
        var header = Object(parts[0], "header");
        // A signed message can still be malformed (issue 15: "msg_type": 5 aborted the kernel): the fields the
        // kernel routes on must be strings, checked here so no handler ever meets a number where it reads text.
        if (header["msg_type"] is not JsonValue type || !type.TryGetValue<string>(out _))
            throw new InvalidDataException($"message header field 'msg_type' must be a string, got {Describe(header["msg_type"])}.");
        foreach (var field in new[] { "msg_id", "session", "username", "date", "version" })
            if (header[field] is { } value && (value is not JsonValue v || !v.TryGetValue<string>(out _)))
                throw new InvalidDataException($"message header field '{field}' must be a string, got {Describe(value)}.");
        return new JupyterMessage(
            frames.Take(delimiter).ToList(),
            header, Object(parts[1], "parent header"), Object(parts[2], "metadata"), Object(parts[3], "content"),
            frames.Skip(delimiter + 6).ToList());
    }

    static string? StringField(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    static string Describe(JsonNode? node) => node is null ? "nothing" : $"{node.GetValueKind().ToString().ToLowerInvariant()} {Clip(node.ToJsonString())}";

    static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "...";

    /// <summary>HMAC-SHA256 over header, parent header, metadata and content, as lower-case hex.</summary>
    public static string Sign(byte[] key, IReadOnlyList<byte[]> parts)
    {
        if (key.Length == 0) return "";
        using var hmac = new HMACSHA256(key);
        foreach (var part in parts) hmac.TransformBlock(part, 0, part.Length, null, 0);
        hmac.TransformFinalBlock([], 0, 0);
        return Convert.ToHexStringLower(hmac.Hash!);
    }
}
