using System.IO.Compression;
using static TorchSharp.torch;

namespace Distill.Students.Checkpoints;

/// <summary>
/// Reads a <c>pytorch_model.bin</c> written by <c>torch.save(state_dict)</c> through
/// <see cref="RestrictedUnpickler"/>, so no code in the file runs: the zip format of torch >= 1.6
/// (<c>&lt;name&gt;/data.pkl</c> plus one raw little-endian file per storage under <c>&lt;name&gt;/data/</c>)
/// and the legacy format before it (consecutive pickles followed by the raw storages).
/// </summary>
public static class PytorchCheckpointFile
{
    static readonly Dictionary<string, string> DTypeOfStorage = new()
    {
        ["FloatStorage"] = "F32", ["HalfStorage"] = "F16", ["BFloat16Storage"] = "BF16", ["DoubleStorage"] = "F64",
        ["LongStorage"] = "I64", ["IntStorage"] = "I32", ["ShortStorage"] = "I16", ["CharStorage"] = "I8",
        ["ByteStorage"] = "U8", ["BoolStorage"] = "BOOL",
    };

    /// <summary>Reads every tensor of the state dict (floating as float32, integer as int64) on the CPU.</summary>
    public static CheckpointTensors Read(string path)
    {
        using (var probe = File.OpenRead(path))
        {
            Span<byte> head = stackalloc byte[4];
            if (probe.Read(head) == 4 && !(head[0] == (byte)'P' && head[1] == (byte)'K'))
                return ReadLegacy(path);
        }
        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: not a readable zip archive ({e.Message}); re-save the state dict or convert it to model.safetensors.", e);
        }
        using (zip)
        {
            var pickles = zip.Entries.Where(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal) || e.FullName == "data.pkl").ToArray();
            if (pickles.Length != 1)
                throw new InvalidDataException($"{path}: expected exactly one data.pkl in the archive, found {pickles.Length}.");
            var prefix = pickles[0].FullName[..^"data.pkl".Length];
            if (zip.GetEntry(prefix + "byteorder") is { } order && ReadText(order).Trim() != "little")
                throw new InvalidDataException($"{path}: storages are big-endian; only little-endian checkpoints are supported.");
            var root = RestrictedUnpickler.Load(ReadBytes(pickles[0]), path);
            return Build(path, root, key =>
            {
                var entry = zip.GetEntry(prefix + "data/" + key)
                    ?? throw new InvalidDataException($"{path}: storage data/{key} is missing from the archive.");
                return ReadBytes(entry);
            });
        }
    }

    /// <summary>
    /// The format of torch.save before PyTorch 1.6 (still found in older hub checkpoints): pickled magic
    /// number, protocol version and system info, then the state dict pickle, then the pickled list of
    /// storage keys, then each storage as an 8-byte element count and its raw bytes, in that key order.
    /// </summary>
    static CheckpointTensors ReadLegacy(string path)
    {
        var data = File.ReadAllBytes(path);
        var (magic, end) = RestrictedUnpickler.LoadAt(data, 0, path);
        if (magic is not System.Numerics.BigInteger m || m != LegacyMagic)
            throw new InvalidDataException($"{path}: neither a zip archive nor a legacy torch.save file (no magic number); not a PyTorch checkpoint.");
        (_, end) = RestrictedUnpickler.LoadAt(data, end, path);               // protocol version
        var (sysInfo, afterInfo) = RestrictedUnpickler.LoadAt(data, end, path); // {"little_endian": ..., "type_sizes": ...}
        if (sysInfo is RestrictedUnpickler.PickleDict info && info.Items.Any(kv => kv.Key is "little_endian" && kv.Value is false))
            throw new InvalidDataException($"{path}: storages are big-endian; only little-endian checkpoints are supported.");
        var (root, afterRoot) = RestrictedUnpickler.LoadAt(data, afterInfo, path);
        var (keys, offset) = RestrictedUnpickler.LoadAt(data, afterRoot, path);
        if (keys is not List<object?> keyList || keyList.Any(k => k is not string))
            throw new InvalidDataException($"{path}: the storage key list is missing or malformed.");
        var sizes = StorageElementSizes(root);
        var blobs = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var key in keyList.Cast<string>())
        {
            if (offset + 8 > data.Length) throw new InvalidDataException($"{path}: the file ends before storage '{key}'.");
            var count = BitConverter.ToInt64(data, offset);
            var bytes = count * (sizes.TryGetValue(key, out var size) ? size : 1);
            if (count < 0 || offset + 8 + bytes > data.Length)
                throw new InvalidDataException($"{path}: storage '{key}' claims {count} elements, past the end of the file.");
            blobs[key] = data.AsSpan(offset + 8, (int)bytes).ToArray();
            offset += 8 + (int)bytes;
        }
        return Build(path, root, key => blobs.TryGetValue(key, out var b) ? b : throw new InvalidDataException($"{path}: storage '{key}' is not in the file."));
    }

    static readonly System.Numerics.BigInteger LegacyMagic = System.Numerics.BigInteger.Parse("1950a86a20f9469cfc6c", System.Globalization.NumberStyles.HexNumber);

    static Dictionary<string, int> StorageElementSizes(object? root)
    {
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        if (root is RestrictedUnpickler.PickleDict dict)
            foreach (var (_, value) in dict.Items)
                if (value is RestrictedUnpickler.TensorRef t && DTypeOfStorage.TryGetValue(t.Storage.StorageType, out var dtype))
                    sizes[t.Storage.Key] = TensorBytes.ElementSize(dtype)!.Value;
        return sizes;
    }

    static CheckpointTensors Build(string path, object? root, Func<string, byte[]> storageBytes)
    {
        if (root is not RestrictedUnpickler.PickleDict dict)
            throw new InvalidDataException($"{path}: the pickle holds a {root?.GetType().Name ?? "None"}, not a state dict (an OrderedDict of tensors).");
        var storages = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var result = new CheckpointTensors(path);
        try
        {
            foreach (var (keyObject, value) in dict.Items)
            {
                if (keyObject is not string name)
                    throw new InvalidDataException($"{path}: a state dict key is a {keyObject.GetType().Name}, not a string.");
                if (value is not RestrictedUnpickler.TensorRef t)
                    throw new InvalidDataException($"{path}: '{name}' is not a tensor.");
                var dtype = DTypeOfStorage[t.Storage.StorageType];
                if (!storages.TryGetValue(t.Storage.Key, out var flat))
                {
                    var bytes = storageBytes(t.Storage.Key);
                    var expected = t.Storage.ElementCount * TensorBytes.ElementSize(dtype)!.Value;
                    if (bytes.Length != expected)
                        throw new InvalidDataException($"{path}: storage {t.Storage.Key} of '{name}' has {bytes.Length} bytes, expected {expected}.");
                    var converted = TensorBytes.ToTensor(bytes, dtype);
                    if (converted is null) continue; // bool/unsigned: never a BERT weight; reported as unused by the loader
                    storages[t.Storage.Key] = flat = converted;
                }
                var needed = t.Size.Any(s => s == 0) ? 0 : t.Offset + t.Size.Zip(t.Stride, (s, st) => (s - 1) * st).Sum() + 1;
                if (needed > flat.shape[0])
                    throw new InvalidDataException($"{path}: '{name}' reads past the end of its storage.");
                result.Add(name, flat.as_strided(t.Size, t.Stride, t.Offset).contiguous().clone(), dtype);
            }
        }
        catch
        {
            result.Dispose();
            throw;
        }
        finally
        {
            foreach (var s in storages.Values) s.Dispose();
        }
        return result;
    }

    static byte[] ReadBytes(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var memory = new MemoryStream((int)entry.Length);
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    static string ReadText(ZipArchiveEntry entry) => System.Text.Encoding.ASCII.GetString(ReadBytes(entry));
}
