using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Distill.Tests.Students.Checkpoints;

/// <summary>One state dict entry as torch.save pickles it: a strided view of a storage.</summary>
internal sealed record TorchView(long Offset, long[] Size, long[] Stride, string StorageKey, long StorageElements, string StorageType = "FloatStorage");

/// <summary>
/// Writes what <c>torch.save(state_dict)</c> writes (protocol-2 pickle of an OrderedDict of
/// <c>_rebuild_tensor_v2</c> calls, zip with data.pkl, byteorder and one file per storage), with every field under the
/// test's control, so hostile variants can be made without PyTorch: stride-0 views, lying sizes, zip bombs, None keys.
/// </summary>
internal static class TorchSaveWriter
{
    public static byte[] Pickle(IEnumerable<(object? Key, TorchView View)> items)
    {
        var p = new List<byte> { 0x80, 2 };
        void Global(string module, string name) => p.AddRange(Encoding.ASCII.GetBytes($"c{module}\n{name}\n"));
        void Text(string s)
        {
            var bytes = Encoding.UTF8.GetBytes(s);
            p.Add(0x8c);
            p.Add(checked((byte)bytes.Length));
            p.AddRange(bytes);
        }
        void Int(long v)
        {
            if (v is >= 0 and <= int.MaxValue)
            {
                p.Add((byte)'J');
                p.AddRange(BitConverter.GetBytes((int)v));
            }
            else
            {
                p.Add(0x8a);
                p.Add(8);
                p.AddRange(BitConverter.GetBytes(v));
            }
        }
        void Tuple(IEnumerable<long> values)
        {
            p.Add((byte)'(');
            foreach (var v in values) Int(v);
            p.Add((byte)'t');
        }
        void OrderedDict()
        {
            Global("collections", "OrderedDict");
            p.Add((byte)')');
            p.Add((byte)'R');
        }
        OrderedDict();
        foreach (var (key, view) in items)
        {
            if (key is string name) Text(name);
            else p.Add((byte)'N');
            Global("torch._utils", "_rebuild_tensor_v2");
            p.Add((byte)'(');
            p.Add((byte)'(');
            Text("storage");
            Global("torch", view.StorageType);
            Text(view.StorageKey);
            Text("cpu");
            Int(view.StorageElements);
            p.Add((byte)'t');
            p.Add((byte)'Q');
            Int(view.Offset);
            Tuple(view.Size);
            Tuple(view.Stride);
            p.Add(0x89);
            OrderedDict();
            p.Add((byte)'t');
            p.Add((byte)'R');
            p.Add((byte)'s');
        }
        p.Add((byte)'.');
        return [.. p];
    }

    /// <summary>A zip checkpoint; <paramref name="storages"/> maps a storage key to its bytes (or a writer of them).</summary>
    public static void Zip(string path, byte[] pickle, IReadOnlyDictionary<string, Action<Stream>> storages,
        CompressionLevel storageCompression = CompressionLevel.NoCompression, IReadOnlyDictionary<string, byte[]>? extraEntries = null)
    {
        using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        void Add(string name, Action<Stream> write, CompressionLevel level)
        {
            using var stream = zip.CreateEntry(name, level).Open();
            write(stream);
        }
        Add("archive/data.pkl", s => s.Write(pickle), CompressionLevel.NoCompression);
        Add("archive/byteorder", s => s.Write("little"u8), CompressionLevel.NoCompression);
        foreach (var (key, write) in storages) Add("archive/data/" + key, write, storageCompression);
        foreach (var (name, bytes) in extraEntries ?? new Dictionary<string, byte[]>()) Add(name, s => s.Write(bytes), CompressionLevel.NoCompression);
    }

    public static Action<Stream> Bytes(byte[] bytes) => s => s.Write(bytes);

    /// <summary>Writes <paramref name="count"/> zero bytes in 1 MiB blocks (deflated, 512 MiB of them take about 0.5 MB).</summary>
    public static Action<Stream> Zeros(long count) => s =>
    {
        var block = new byte[1 << 20];
        for (long left = count; left > 0; left -= block.Length) s.Write(block, 0, (int)Math.Min(block.Length, left));
    };

    /// <summary>Rewrites the declared uncompressed size of <paramref name="entryName"/> in both zip headers (a lying archive).</summary>
    public static void PatchDeclaredSize(string path, string entryName, uint declared)
    {
        var bytes = File.ReadAllBytes(path);
        var name = Encoding.ASCII.GetBytes(entryName);
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i));
            if (signature == 0x04034b50 && bytes.AsSpan(i + 30, name.Length).SequenceEqual(name))
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 22), declared);
            else if (signature == 0x02014b50 && bytes.AsSpan(i + 46, name.Length).SequenceEqual(name))
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 24), declared);
        }
        File.WriteAllBytes(path, bytes);
    }
}
