using System.Buffers.Binary;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Distill.Students.Checkpoints;

/// <summary>Little-endian raw tensor bytes to TorchSharp tensors, for the dtypes checkpoints use.</summary>
internal static class TensorBytes
{
    /// <summary>Bytes per element of a safetensors dtype, or null when it is not one we know.</summary>
    public static int? ElementSize(string dtype) => dtype switch
    {
        "F64" or "I64" or "U64" => 8,
        "F32" or "I32" or "U32" => 4,
        "F16" or "BF16" or "I16" or "U16" => 2,
        "I8" or "U8" or "BOOL" => 1,
        _ => null,
    };

    /// <summary>
    /// A 1-D tensor from <paramref name="bytes"/>: floating dtypes become float32, integer ones int64.
    /// Returns null for dtypes a BERT state dict never holds as weights (bool, unsigned).
    /// </summary>
    public static Tensor? ToTensor(ReadOnlySpan<byte> bytes, string dtype)
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("Checkpoint tensors are little-endian; this machine is not.");
        switch (dtype)
        {
            case "F32":
                return tensor(MemoryMarshal.Cast<byte, float>(bytes).ToArray());
            case "F64":
                return tensor(MemoryMarshal.Cast<byte, double>(bytes).ToArray()).to(ScalarType.Float32);
            case "F16":
            {
                var halves = MemoryMarshal.Cast<byte, Half>(bytes);
                var floats = new float[halves.Length];
                for (var i = 0; i < floats.Length; i++) floats[i] = (float)halves[i];
                return tensor(floats);
            }
            case "BF16":
            {
                // bfloat16 is the top half of a float32: shift the 16 bits back into place.
                var raw = MemoryMarshal.Cast<byte, ushort>(bytes);
                var floats = new float[raw.Length];
                for (var i = 0; i < floats.Length; i++) floats[i] = BitConverter.Int32BitsToSingle(raw[i] << 16);
                return tensor(floats);
            }
            case "I64":
                return tensor(MemoryMarshal.Cast<byte, long>(bytes).ToArray());
            case "I32":
            {
                var ints = MemoryMarshal.Cast<byte, int>(bytes);
                var longs = new long[ints.Length];
                for (var i = 0; i < longs.Length; i++) longs[i] = ints[i];
                return tensor(longs);
            }
            default:
                return null;
        }
    }

    /// <summary>The float32 bytes of a tensor (moved to the CPU and made contiguous first).</summary>
    public static byte[] Float32Bytes(Tensor t)
    {
        // Every intermediate (detach, to, cpu, contiguous may each be a new native handle) is freed here,
        // not left to the finalizer: a training run saves its weights every epoch.
        using var scope = NewDisposeScope();
        var cpu = t.detach().to(ScalarType.Float32).cpu().contiguous();
        var values = cpu.data<float>().ToArray();
        return MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
    }

    public static long ReadInt64(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadInt64LittleEndian(bytes);
}
