using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Distill.IO;
using static TorchSharp.torch;

namespace Distill.Students.Checkpoints;

/// <summary>
/// Reads and writes the safetensors format (huggingface/safetensors, docs "Format"): an 8-byte
/// little-endian header length N, N bytes of JSON mapping each tensor name to its dtype, shape and
/// [begin, end) byte range in the data that follows, and optional string metadata under
/// <c>__metadata__</c>. Our own code, so loading never runs anything from the file.
/// </summary>
internal static class SafetensorsFile
{
    // The reference implementation refuses headers over 100 MB; so do we (a corrupt length would otherwise allocate gigabytes).
    const long MaxHeaderBytes = 100_000_000;

    /// <summary>Header entry of one tensor.</summary>
    public sealed record Entry(string Name, string DType, long[] Shape, long Begin, long End);

    /// <summary>Reads only the header: names, dtypes, shapes, byte ranges, and the metadata.</summary>
    public static (IReadOnlyList<Entry> Entries, IReadOnlyDictionary<string, string> Metadata, long DataStart) ReadHeader(string path)
    {
        using var stream = File.OpenRead(path);
        return ReadHeader(stream, path);
    }

    /// <summary>A JSON value as a string, or null when it is anything else (a number where "F32" belongs).</summary>
    static string? AsString(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;

    /// <summary>A JSON value as a whole number, or null (1.5, "3", true and out-of-range numbers are not).</summary>
    static long? AsInteger(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var n) ? n : null;

    static string Show(JsonNode? node) => node is null ? "nothing" : $"{node.GetValueKind().ToString().ToLowerInvariant()} {Clip(node.ToJsonString())}";

    static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "...";

    static (IReadOnlyList<Entry>, IReadOnlyDictionary<string, string>, long) ReadHeader(FileStream stream, string path)
    {
        var fileLength = stream.Length;
        if (fileLength < 8)
            throw new InvalidDataException($"{path}: {fileLength} bytes is too short for a safetensors file (needs an 8-byte header length).");
        Span<byte> lengthBytes = stackalloc byte[8];
        stream.ReadExactly(lengthBytes);
        var headerLength = TensorBytes.ReadInt64(lengthBytes);
        if (headerLength <= 0 || headerLength > MaxHeaderBytes || 8 + headerLength > fileLength)
            throw new InvalidDataException($"{path}: header length {headerLength} is impossible for a file of {fileLength} bytes (not a safetensors file?).");
        var headerBytes = new byte[headerLength];
        stream.ReadExactly(headerBytes);
        JsonObject header;
        var dataLength = fileLength - 8 - headerLength;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new List<Entry>();
        try
        {
            header = JsonNode.Parse(Encoding.UTF8.GetString(headerBytes).TrimEnd(' ')) as JsonObject
                ?? throw new InvalidDataException($"{path}: the JSON header is not an object.");
            foreach (var (name, node) in header)
            {
                if (name == "__metadata__")
                {
                    if (node is not JsonObject meta)
                        throw new InvalidDataException($"{path}: '__metadata__' must be an object of strings, got {Show(node)}.");
                    foreach (var (k, v) in meta)
                        metadata[k] = AsString(v) ?? throw new InvalidDataException($"{path}: metadata '{k}' must be a string, got {Show(v)}.");
                    continue;
                }
                entries.Add(ParseEntry(path, name, node, dataLength));
            }
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            // Not JSON, or a key that occurs twice (JsonObject refuses duplicates).
            throw new InvalidDataException($"{path}: the JSON header does not parse ({e.Message}).", e);
        }
        // Tensors must not overlap: the format requires a dense, non-overlapping layout.
        var ordered = entries.OrderBy(e => e.Begin).ToArray();
        for (var i = 1; i < ordered.Length; i++)
            if (ordered[i].Begin < ordered[i - 1].End)
                throw new InvalidDataException($"{path}: tensors '{ordered[i - 1].Name}' and '{ordered[i].Name}' overlap in the data section.");
        return (entries, metadata, 8 + headerLength);
    }

    static Entry ParseEntry(string path, string name, JsonNode? node, long dataLength)
    {
        string Where() => $"{path}: tensor '{name}'";
        if (node is not JsonObject obj)
            throw new InvalidDataException($"{Where()}: header entry is not an object.");
        var dtype = AsString(obj["dtype"]) ?? throw new InvalidDataException($"{Where()}: 'dtype' must be a string such as \"F32\", got {Show(obj["dtype"])}.");
        var size = TensorBytes.ElementSize(dtype) ?? throw new InvalidDataException($"{Where()}: unknown dtype '{dtype}' (expected F32, F16, BF16, F64, I64, I32, ...).");
        if (obj["shape"] is not JsonArray shapeArray)
            throw new InvalidDataException($"{Where()}: 'shape' must be an array of whole numbers, got {Show(obj["shape"])}.");
        var shape = new long[shapeArray.Count];
        for (var i = 0; i < shape.Length; i++)
            shape[i] = AsInteger(shapeArray[i]) is { } d && d >= 0 ? d
                : throw new InvalidDataException($"{Where()}: 'shape' entry {i} must be a whole number >= 0, got {Show(shapeArray[i])}.");
        if (obj["data_offsets"] is not JsonArray { Count: 2 } offsets || AsInteger(offsets[0]) is not { } begin || AsInteger(offsets[1]) is not { } end)
            throw new InvalidDataException($"{Where()}: 'data_offsets' must be [begin, end] in whole bytes, got {Show(obj["data_offsets"])}.");
        if (begin < 0 || end < begin || end > dataLength)
            throw new InvalidDataException($"{Where()}: data_offsets [{begin}, {end}] fall outside the {dataLength}-byte data section.");
        // Checked product: a shape such as [2^40, 2^40] must not wrap around to a size that happens to match.
        long expected = size;
        foreach (var d in shape)
            expected = d == 0 || expected == 0 ? 0 : expected < 0 || expected > long.MaxValue / d ? -1 : expected * d;
        if (end - begin != expected)
            throw new InvalidDataException($"{Where()}: {end - begin} bytes stored but dtype {dtype} and shape [{string.Join(", ", shape)}] need " +
                                           (expected < 0 ? "more than 2^63 bytes." : $"{expected}."));
        return new Entry(name, dtype, shape, begin, end);
    }

    /// <summary>Reads every tensor (floating ones as float32, integer ones as int64) on the CPU.</summary>
    public static CheckpointTensors Read(string path, CheckpointReadLimits? limits = null)
    {
        using var stream = File.OpenRead(path);
        var (entries, _, dataStart) = ReadHeader(stream, path);
        // Each tensor's bytes lie inside the file (checked by the header), so the file bounds memory; a model's limit may be tighter.
        var total = entries.Sum(e => e.End - e.Begin);
        if (limits?.MaxTensorBytes is { } max && total > max)
            throw new InvalidDataException($"{path}: its tensors hold {total:N0} bytes, more than the model's config allows ({max:N0} bytes); config.json and the weights do not belong together.");
        var result = new CheckpointTensors(path);
        try
        {
            foreach (var entry in entries)
            {
                var bytes = new byte[entry.End - entry.Begin];
                stream.Position = dataStart + entry.Begin;
                stream.ReadExactly(bytes);
                using var flat = TensorBytes.ToTensor(bytes, entry.DType);
                if (flat is null) continue; // bool/unsigned tensors are never BERT weights; the loader reports the name as unused
                result.Add(entry.Name, flat.reshape(entry.Shape).clone(), entry.DType);
            }
        }
        catch
        {
            result.Dispose();
            throw;
        }
        return result;
    }

    /// <summary>
    /// Writes float32 tensors in the given order, with <c>{"format": "pt"}</c> metadata (transformers
    /// refuses a safetensors file whose metadata lacks a known format). Temp file + rename.
    /// </summary>
    public static void Write(string path, IEnumerable<(string Name, Tensor Tensor)> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var blobs = tensors.Select(t => (t.Name, Shape: t.Tensor.shape, Bytes: TensorBytes.Float32Bytes(t.Tensor))).ToArray();
        var header = new JsonObject();
        var meta = new JsonObject { ["format"] = "pt" };
        foreach (var (k, v) in metadata ?? new Dictionary<string, string>()) meta[k] = v;
        header["__metadata__"] = meta;
        long offset = 0;
        foreach (var (name, shape, bytes) in blobs)
        {
            if (header.ContainsKey(name)) throw new ArgumentException($"Tensor name '{name}' occurs twice.", nameof(tensors));
            header[name] = new JsonObject
            {
                ["dtype"] = "F32",
                ["shape"] = new JsonArray(shape.Select(d => (JsonNode)JsonValue.Create(d)).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + bytes.Length),
            };
            offset += bytes.Length;
        }
        var headerText = header.ToJsonString();
        // Pad with spaces so the data starts 8-byte aligned, as the reference writer does.
        var padded = headerText + new string(' ', (8 - Encoding.UTF8.GetByteCount(headerText) % 8) % 8);
        var headerBytes = Encoding.UTF8.GetBytes(padded);
        AtomicFile.Write(path, tmp =>
        {
            using var stream = File.Create(tmp);
            stream.Write(BitConverter.GetBytes((long)headerBytes.Length));
            stream.Write(headerBytes);
            foreach (var blob in blobs) stream.Write(blob.Bytes);
        });
    }
}
