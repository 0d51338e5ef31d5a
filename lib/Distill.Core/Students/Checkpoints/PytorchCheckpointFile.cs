using System.IO.Compression;
using static TorchSharp.torch;

namespace Distill.Students.Checkpoints;

/// <summary>
/// Reads a <c>pytorch_model.bin</c> written by <c>torch.save(state_dict)</c> through
/// <see cref="RestrictedUnpickler"/>, so no code in the file runs: the zip format of torch >= 1.6
/// (<c>&lt;name&gt;/data.pkl</c> plus one raw little-endian file per storage under <c>&lt;name&gt;/data/</c>)
/// and the legacy format before it (consecutive pickles followed by the raw storages).
/// <para>
/// Hostile files fail in bounded memory (issue 15): every tensor's size, stride and offset are checked against its
/// storage, and every storage's declared size against the zip entry's declared uncompressed size and the
/// <see cref="CheckpointReadLimits"/>, before a byte of tensor data is read; entries are then decompressed with a hard
/// limit at their declared size, so a zip whose headers lie cannot inflate past it.
/// </para>
/// </summary>
internal static class PytorchCheckpointFile
{
    static readonly Dictionary<string, string> DTypeOfStorage = new()
    {
        ["FloatStorage"] = "F32", ["HalfStorage"] = "F16", ["BFloat16Storage"] = "BF16", ["DoubleStorage"] = "F64",
        ["LongStorage"] = "I64", ["IntStorage"] = "I32", ["ShortStorage"] = "I16", ["CharStorage"] = "I8",
        ["ByteStorage"] = "U8", ["BoolStorage"] = "BOOL",
    };

    /// <summary>One state dict entry whose view has been checked against its storage.</summary>
    sealed record CheckedTensor(string Name, RestrictedUnpickler.TensorRef View, string DType, long StorageBytes);

    /// <summary>Reads every tensor of the state dict (floating as float32, integer as int64) on the CPU.</summary>
    public static CheckpointTensors Read(string path, CheckpointReadLimits? limits = null)
    {
        limits ??= CheckpointReadLimits.Default;
        var fileLength = new FileInfo(path).Length;
        using (var probe = File.OpenRead(path))
        {
            Span<byte> head = stackalloc byte[4];
            if (probe.Read(head) == 4 && !(head[0] == (byte)'P' && head[1] == (byte)'K'))
                return ReadLegacy(path, limits);
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
            if (zip.GetEntry(prefix + "byteorder") is { } order && System.Text.Encoding.ASCII.GetString(ReadEntry(path, order, 64)).Trim() != "little")
                throw new InvalidDataException($"{path}: storages are big-endian; only little-endian checkpoints are supported.");
            if (pickles[0].Length > CheckpointReadLimits.MaxPickleBytes)
                throw new InvalidDataException($"{path}: {pickles[0].FullName} declares {pickles[0].Length:N0} bytes; a state dict's pickle is far smaller (limit {CheckpointReadLimits.MaxPickleBytes:N0}).");
            var root = RestrictedUnpickler.Load(ReadEntry(path, pickles[0], pickles[0].Length), path);
            var tensors = Check(path, root);
            // Compare what the pickle declares with what the archive declares before decompressing anything.
            var storages = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
            foreach (var t in tensors)
            {
                var key = t.View.Storage.Key;
                if (storages.ContainsKey(key)) continue;
                var entry = zip.GetEntry(prefix + "data/" + key)
                    ?? throw new InvalidDataException($"{path}: storage data/{key} of '{t.Name}' is missing from the archive.");
                if (entry.Length != t.StorageBytes)
                    throw new InvalidDataException($"{path}: storage data/{key} of '{t.Name}' declares {entry.Length:N0} bytes in the archive, but the pickle's {t.View.Storage.ElementCount:N0} {t.DType} elements need {t.StorageBytes:N0}.");
                storages[key] = entry;
            }
            // torch.save stores storages uncompressed, so their bytes cannot exceed the file by much; a zip bomb does.
            CheckBudget(path, tensors, limits.MaxTensorBytes ?? 2 * fileLength + (1L << 20),
                limits.MaxTensorBytes is null ? "twice the file's size (torch.save stores storages uncompressed)" : "what the model's config allows");
            return Build(path, tensors, key => ReadEntry(path, storages[key], storages[key].Length));
        }
    }

    /// <summary>
    /// The format of torch.save before PyTorch 1.6 (still found in older hub checkpoints): pickled magic
    /// number, protocol version and system info, then the state dict pickle, then the pickled list of
    /// storage keys, then each storage as an 8-byte element count and its raw bytes, in that key order.
    /// </summary>
    static CheckpointTensors ReadLegacy(string path, CheckpointReadLimits limits)
    {
        var data = File.ReadAllBytes(path); // bounded by the file itself
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
        var tensors = Check(path, root);
        if (limits.MaxTensorBytes is { } max) CheckBudget(path, tensors, max, "what the model's config allows");
        var byKey = tensors.GroupBy(t => t.View.Storage.Key).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var blobs = new Dictionary<string, (int Offset, int Length)>(StringComparer.Ordinal);
        foreach (var key in keyList.Cast<string>())
        {
            if (offset > data.Length - 8) throw new InvalidDataException($"{path}: the file ends before storage '{key}' (at byte {offset}).");
            var count = TensorBytes.ReadInt64(data.AsSpan(offset, 8));
            var size = byKey.TryGetValue(key, out var t) ? TensorBytes.ElementSize(t.DType)!.Value : 1;
            var available = data.Length - offset - 8L;
            if (count < 0 || count > available / size)
                throw new InvalidDataException($"{path}: storage '{key}' claims {count:N0} elements at byte {offset}, past the end of the {data.Length:N0}-byte file.");
            if (t is not null && count != t.View.Storage.ElementCount)
                throw new InvalidDataException($"{path}: storage '{key}' holds {count:N0} elements at byte {offset}, but the pickle declares {t.View.Storage.ElementCount:N0}.");
            blobs[key] = (offset + 8, (int)(count * size));
            offset += 8 + (int)(count * size);
        }
        return Build(path, tensors, key => blobs.TryGetValue(key, out var b)
            ? data.AsSpan(b.Offset, b.Length).ToArray()
            : throw new InvalidDataException($"{path}: storage '{key}' is not in the file."));
    }

    static readonly System.Numerics.BigInteger LegacyMagic = System.Numerics.BigInteger.Parse("1950a86a20f9469cfc6c", System.Globalization.NumberStyles.HexNumber);

    /// <summary>
    /// Checks every entry of the state dict without reading tensor data: string keys, tensors only, a known storage
    /// type, sizes and strides of the same rank and never negative, a view that stays inside its storage and has no
    /// more elements than the storage (a stride-0 view of one float as 16384 x 16384 would allocate a gigabyte).
    /// </summary>
    static List<CheckedTensor> Check(string path, object? root)
    {
        if (root is not RestrictedUnpickler.PickleDict dict)
            throw new InvalidDataException($"{path}: the pickle holds a {RestrictedUnpickler.Describe(root)}, not a state dict (an OrderedDict of tensors).");
        var checkedTensors = new List<CheckedTensor>(dict.Items.Count);
        for (var i = 0; i < dict.Items.Count; i++)
        {
            var (keyObject, value) = dict.Items[i];
            if (keyObject is not string name)
                throw new InvalidDataException($"{path}: state dict entry #{i + 1} has a {RestrictedUnpickler.Describe(keyObject)} key, not a string.");
            if (value is not RestrictedUnpickler.TensorRef t)
                throw new InvalidDataException($"{path}: '{name}' is a {RestrictedUnpickler.Describe(value)}, not a tensor.");
            string Where() => $"{path}: '{name}'";
            var dtype = DTypeOfStorage.TryGetValue(t.Storage.StorageType, out var d) ? d
                : throw new InvalidDataException($"{Where()}: unknown storage type '{t.Storage.StorageType}'.");
            var elementSize = TensorBytes.ElementSize(dtype)!.Value;
            var shape = $"size [{string.Join(", ", t.Size)}], stride [{string.Join(", ", t.Stride)}], offset {t.Offset}";
            if (t.Size.Length != t.Stride.Length)
                throw new InvalidDataException($"{Where()}: {shape}: size and stride have different ranks.");
            if (t.Size.Any(s => s < 0) || t.Stride.Any(s => s < 0) || t.Offset < 0)
                throw new InvalidDataException($"{Where()}: {shape}: a negative size, stride or offset.");
            var elements = t.Storage.ElementCount;
            if (elements < 0 || elements > long.MaxValue / elementSize)
                throw new InvalidDataException($"{Where()}: its storage declares {elements:N0} elements, which no file can hold.");
            // numel and the last element the view touches, without overflow: anything past the storage is an error anyway.
            long numel = 1, last = t.Offset;
            for (var k = 0; k < t.Size.Length; k++)
            {
                numel = t.Size[k] == 0 ? 0 : numel > elements / t.Size[k] ? long.MaxValue : numel * t.Size[k];
                if (t.Size[k] > 0)
                    last = t.Stride[k] != 0 && t.Size[k] - 1 > (long.MaxValue - last) / t.Stride[k] ? long.MaxValue : last + (t.Size[k] - 1) * t.Stride[k];
            }
            if (numel > 0 && last >= elements)
                throw new InvalidDataException($"{Where()}: {shape} reads past the end of its {elements:N0}-element storage.");
            if (numel > elements)
                throw new InvalidDataException($"{Where()}: {shape} views more elements than its {elements:N0}-element storage holds " +
                                               "(a repeated, stride-0 view); a state dict stores each weight in full.");
            checkedTensors.Add(new CheckedTensor(name, t, dtype, elements * elementSize));
        }
        return checkedTensors;
    }

    static void CheckBudget(string path, IReadOnlyList<CheckedTensor> tensors, long budget, string what)
    {
        var total = tensors.GroupBy(t => t.View.Storage.Key).Sum(g => g.First().StorageBytes);
        if (total > budget)
            throw new InvalidDataException($"{path}: its tensors declare {total:N0} bytes, more than {what} ({budget:N0} bytes); refusing to read them.");
    }

    static CheckpointTensors Build(string path, IReadOnlyList<CheckedTensor> tensors, Func<string, byte[]> storageBytes)
    {
        var storages = new Dictionary<string, Tensor?>(StringComparer.Ordinal);
        var result = new CheckpointTensors(path);
        try
        {
            foreach (var (name, t, dtype, bytesNeeded) in tensors)
            {
                if (!storages.TryGetValue(t.Storage.Key, out var flat))
                {
                    var bytes = storageBytes(t.Storage.Key);
                    if (bytes.LongLength != bytesNeeded)
                        throw new InvalidDataException($"{path}: storage {t.Storage.Key} of '{name}' has {bytes.Length} bytes, expected {bytesNeeded}.");
                    // bool/unsigned: never a BERT weight; reported as unused by the loader.
                    storages[t.Storage.Key] = flat = TensorBytes.ToTensor(bytes, dtype);
                }
                if (flat is null) continue;
                // Checked above: the view lies inside the storage and is no larger than it, so this copy is bounded.
                using var view = flat.as_strided(t.Size, t.Stride, t.Offset);
                result.Add(name, view.is_contiguous() ? view.clone() : view.contiguous(), dtype);
            }
        }
        catch
        {
            result.Dispose();
            throw;
        }
        finally
        {
            foreach (var s in storages.Values) s?.Dispose();
        }
        return result;
    }

    /// <summary>An entry's bytes, decompressed with a hard limit at <paramref name="limit"/>: a zip whose declared sizes lie stops there.</summary>
    static byte[] ReadEntry(string path, ZipArchiveEntry entry, long limit)
    {
        if (entry.Length > limit)
            throw new InvalidDataException($"{path}: {entry.FullName} declares {entry.Length:N0} bytes, more than the {limit:N0} expected.");
        using var stream = entry.Open();
        var buffer = new byte[entry.Length];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = stream.Read(buffer, read, buffer.Length - read);
            if (n == 0) throw new InvalidDataException($"{path}: {entry.FullName} ends after {read:N0} of its declared {entry.Length:N0} bytes.");
            read += n;
        }
        Span<byte> probe = stackalloc byte[1];
        if (stream.Read(probe) != 0)
            throw new InvalidDataException($"{path}: {entry.FullName} decompresses to more than its declared {entry.Length:N0} bytes (a zip bomb?); refusing it.");
        return buffer;
    }
}
