using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Distill.IO;

namespace Distill.Teachers.Embedding;

/// <summary>
/// The on-disk cache of one block's term vectors. Layout (little-endian):
/// <code>
/// "DSTLTERM"            8 bytes magic
/// format version        int32 (1)
/// dimension, count      int32, int32
/// key length, key       int32, UTF-8 (encoder, ONNX sha256, pooling, truncation, block, hash of its terms)
/// vectors               count × dimension float32, row-major (N, D)
/// sha256 of the above   32 bytes
/// </code>
/// Written atomically (<see cref="AtomicFile"/>). A file whose magic, version, shape, key, length or checksum
/// differs from what is expected is not used (<see cref="TryRead"/> returns null) and gets rebuilt, so a damaged
/// or stale cache can cost time but never change a label.
/// </summary>
internal static class TermEmbeddingFile
{
    static readonly byte[] Magic = "DSTLTERM"u8.ToArray();
    const int FormatVersion = 1;
    const int ChecksumBytes = 32;

    public static void Write(string path, string key, int dimension, int count, ReadOnlySpan<float> vectors)
    {
        if (!BitConverter.IsLittleEndian) return; // the layout is little-endian; elsewhere the cache is simply not kept
        if (vectors.Length != (long)dimension * count) throw new ArgumentException($"{vectors.Length} values for {count} × {dimension}.", nameof(vectors));
        var keyBytes = Encoding.UTF8.GetBytes(key);
        var header = Header(keyBytes, dimension, count);
        var payload = MemoryMarshal.AsBytes(vectors);
        var bytes = new byte[header.Length + payload.Length + ChecksumBytes];
        header.CopyTo(bytes, 0);
        payload.CopyTo(bytes.AsSpan(header.Length));
        SHA256.HashData(bytes.AsSpan(0, header.Length + payload.Length), bytes.AsSpan(header.Length + payload.Length));
        AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>
    /// The dimension and (N, D) vectors stored at <paramref name="path"/> when the file is whole and was written for
    /// exactly this key and <paramref name="count"/> terms; otherwise null. The key names the encoder's ONNX hash,
    /// so the dimension read is the encoder's.
    /// </summary>
    public static (int Dimension, float[] Vectors)? TryRead(string path, string key, int count)
    {
        if (!BitConverter.IsLittleEndian || !File.Exists(path)) return null;
        var keyBytes = Encoding.UTF8.GetBytes(key);
        var fileLength = new FileInfo(path).Length;
        var fixedLength = Magic.Length + 4 * 4 + keyBytes.Length;
        if (fileLength < fixedLength + ChecksumBytes) return null;
        int dimension;
        using (var stream = File.OpenRead(path))
        {
            var head = new byte[Magic.Length + 3 * 4];
            stream.ReadExactly(head);
            dimension = BinaryPrimitives.ReadInt32LittleEndian(head.AsSpan(Magic.Length + 4));
        }
        if (dimension is < 1 or > 65_536) return null;
        var header = Header(keyBytes, dimension, count);
        // Check the length before reading, so a foreign or damaged file is never read whole.
        if (fileLength != header.Length + (long)dimension * count * sizeof(float) + ChecksumBytes) return null;
        var bytes = File.ReadAllBytes(path);
        if (!bytes.AsSpan(0, header.Length).SequenceEqual(header)) return null;
        var body = bytes.AsSpan(0, bytes.Length - ChecksumBytes);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - ChecksumBytes))) return null;
        return (dimension, MemoryMarshal.Cast<byte, float>(bytes.AsSpan(header.Length, dimension * count * sizeof(float))).ToArray());
    }

    static byte[] Header(byte[] key, int dimension, int count)
    {
        var header = new byte[Magic.Length + 4 * 4 + key.Length];
        Magic.CopyTo(header, 0);
        var at = Magic.Length;
        foreach (var value in new[] { FormatVersion, dimension, count, key.Length })
        {
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(at), value);
            at += 4;
        }
        key.CopyTo(header, at);
        return header;
    }
}
