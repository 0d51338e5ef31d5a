using System.IO.Compression;
using static TorchSharp.torch;

namespace Distill.Students.Checkpoints;

/// <summary>
/// Reads a <c>pytorch_model.bin</c> written by <c>torch.save(state_dict)</c> (the zip format of
/// torch >= 1.6: <c>&lt;name&gt;/data.pkl</c> plus one raw little-endian file per storage under
/// <c>&lt;name&gt;/data/</c>) through <see cref="RestrictedUnpickler"/>, so no code in the file runs.
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
        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException(
                $"{path}: not a zip archive. Only the zip format of torch.save (PyTorch >= 1.6) is supported; " +
                "re-save the state dict with a recent PyTorch or convert it to model.safetensors.", e);
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
                        var entry = zip.GetEntry(prefix + "data/" + t.Storage.Key)
                            ?? throw new InvalidDataException($"{path}: storage data/{t.Storage.Key} of '{name}' is missing from the archive.");
                        var bytes = ReadBytes(entry);
                        var expected = t.Storage.ElementCount * TensorBytes.ElementSize(dtype)!.Value;
                        if (bytes.Length != expected)
                            throw new InvalidDataException($"{path}: storage data/{t.Storage.Key} has {bytes.Length} bytes, expected {expected}.");
                        var converted = TensorBytes.ToTensor(bytes, dtype);
                        if (converted is null) continue; // bool/unsigned: never a BERT weight; reported as unused by the loader
                        storages[t.Storage.Key] = flat = converted;
                    }
                    var needed = t.Offset + t.Size.Zip(t.Stride, (s, st) => s == 0 ? 0 : (s - 1) * st).Sum() + 1;
                    if (t.Size.Any(s => s == 0)) needed = 0;
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
