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
public static class SafetensorsFile
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
        try
        {
            header = JsonNode.Parse(Encoding.UTF8.GetString(headerBytes).TrimEnd(' ')) as JsonObject
                ?? throw new InvalidDataException($"{path}: the JSON header is not an object.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: the JSON header does not parse ({e.Message}).", e);
        }

        var dataLength = fileLength - 8 - headerLength;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new List<Entry>();
        foreach (var (name, node) in header)
        {
            if (name == "__metadata__")
            {
                foreach (var (k, v) in node?.AsObject() ?? [])
                    metadata[k] = v?.GetValue<string>() ?? "";
                continue;
            }
            entries.Add(ParseEntry(path, name, node, dataLength));
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
        var dtype = obj["dtype"]?.GetValue<string>() ?? throw new InvalidDataException($"{Where()}: no 'dtype'.");
        var size = TensorBytes.ElementSize(dtype) ?? throw new InvalidDataException($"{Where()}: unknown dtype '{dtype}' (expected F32, F16, BF16, F64, I64, I32, ...).");
        var shape = (obj["shape"] as JsonArray ?? throw new InvalidDataException($"{Where()}: no 'shape' array."))
            .Select(d => d?.GetValue<long>() ?? -1).ToArray();
        if (shape.Any(d => d < 0))
            throw new InvalidDataException($"{Where()}: shape [{string.Join(", ", shape)}] has a negative dimension.");
        var offsets = obj["data_offsets"] as JsonArray;
        if (offsets is not { Count: 2 })
            throw new InvalidDataException($"{Where()}: 'data_offsets' must be [begin, end].");
        var (begin, end) = (offsets[0]!.GetValue<long>(), offsets[1]!.GetValue<long>());
        if (begin < 0 || end < begin || end > dataLength)
            throw new InvalidDataException($"{Where()}: data_offsets [{begin}, {end}] fall outside the {dataLength}-byte data section.");
        var expected = shape.Aggregate(1L, (a, b) => a * b) * size;
        if (end - begin != expected)
            throw new InvalidDataException($"{Where()}: {end - begin} bytes stored but dtype {dtype} and shape [{string.Join(", ", shape)}] need {expected}.");
        return new Entry(name, dtype, shape, begin, end);
    }

    /// <summary>Reads every tensor (floating ones as float32, integer ones as int64) on the CPU.</summary>
    public static CheckpointTensors Read(string path)
    {
        using var stream = File.OpenRead(path);
        var (entries, _, dataStart) = ReadHeader(stream, path);
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
