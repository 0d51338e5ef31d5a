using System.Runtime.InteropServices;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace Distill.Runtime;

/// <summary>What the tensor backend is, where it runs, and which CPU code path MKL takes.</summary>
/// <param name="TorchSharpVersion">Version of the managed TorchSharp assembly.</param>
/// <param name="Backend">"cpu" or "cuda" (the build's TorchBackend property).</param>
/// <param name="CudaAvailable">Whether a CUDA device can be used in this process.</param>
/// <param name="Threads">Intra-op threads libtorch uses.</param>
/// <param name="CpuVendor">From /proc/cpuinfo (e.g. AuthenticAMD).</param>
/// <param name="MklVendorCheckPatched">True when MKL's vendor check was patched to take its fast path
/// (environment/torch_native_fix.py); null when no libtorch_cpu.so with a marker was found.</param>
/// <param name="NativeDirectory">Folder the native libtorch was loaded from.</param>
public sealed record TorchRuntimeInfo(
    string TorchSharpVersion,
    string Backend,
    bool CudaAvailable,
    int Threads,
    string CpuVendor,
    bool? MklVendorCheckPatched,
    string? NativeDirectory)
{
    /// <summary>One line for logs and run manifests.</summary>
    public override string ToString() =>
        $"TorchSharp {TorchSharpVersion} ({Backend}), CUDA {(CudaAvailable ? "available" : "not available")}, " +
        $"{Threads} threads, CPU {CpuVendor}, MKL path: {MklPath}";

    /// <summary>Human description of MKL's code path.</summary>
    public string MklPath => MklVendorCheckPatched switch
    {
        true => "fast (vendor check patched)",
        false when CpuVendor == "GenuineIntel" => "native Intel",
        false => "generic (vendor check not patched: slower on this CPU)",
        null => "unknown (no patch marker found)",
    };
}

/// <summary>Entry point for choosing a device and describing the tensor runtime.</summary>
public static class TorchRuntime
{
    const string MarkerSuffix = ".mkl-vendor-patch.json";

    /// <summary>
    /// Turns a user's device string into a <see cref="Device"/>: "cpu", "cuda", "cuda:1", or "auto"
    /// (CUDA when this build has it and a GPU is present, else CPU). Asking for CUDA on a CPU build
    /// is an error that says how to get a CUDA build, never a silent fall-back.
    /// </summary>
    public static Device ResolveDevice(string? spec)
    {
        var text = string.IsNullOrWhiteSpace(spec) ? "auto" : spec.Trim().ToLowerInvariant();
        if (text == "auto")
            return cuda.is_available() ? CUDA : CPU;
        if (text.StartsWith("cuda", StringComparison.Ordinal) && !cuda.is_available())
            throw new ArgumentException(
                $"Device '{spec}' was asked for, but CUDA is not available in this process. " +
                "Build with -p:TorchBackend=cuda (needs the TorchSharp-cuda-linux package) on a machine with an NVIDIA GPU, or use --device cpu.");
        try
        {
            return new Device(text);
        }
        catch (Exception e)
        {
            throw new ArgumentException($"Device '{spec}' is not a device name; expected cpu, cuda, cuda:N or auto.", e);
        }
    }

    /// <summary>Describes the runtime. Loads libtorch if it is not loaded yet.</summary>
    public static TorchRuntimeInfo Describe()
    {
        var cudaAvailable = cuda.is_available();
        var nativeDir = FindNativeDirectory();
        return new TorchRuntimeInfo(
            typeof(torch).Assembly.GetName().Version?.ToString() ?? "unknown",
            cudaAvailable ? "cuda" : "cpu",
            cudaAvailable,
            get_num_threads(),
            CpuVendor(),
            ReadMklMarker(nativeDir),
            nativeDir);
    }

    /// <summary>The vendor_id line of /proc/cpuinfo, or "unknown".</summary>
    public static string CpuVendor()
    {
        if (!File.Exists("/proc/cpuinfo")) return RuntimeInformation.ProcessArchitecture.ToString();
        foreach (var line in File.ReadLines("/proc/cpuinfo"))
            if (line.StartsWith("vendor_id", StringComparison.Ordinal))
                return line[(line.IndexOf(':') + 1)..].Trim();
        return "unknown";
    }

    /// <summary>The CPU model name, for run manifests and benchmark reports.</summary>
    public static string CpuModel()
    {
        if (!File.Exists("/proc/cpuinfo")) return RuntimeInformation.ProcessArchitecture.ToString();
        foreach (var line in File.ReadLines("/proc/cpuinfo"))
            if (line.StartsWith("model name", StringComparison.Ordinal))
                return line[(line.IndexOf(':') + 1)..].Trim();
        return "unknown";
    }

    // The loaded libtorch_cpu.so is the one next to TorchSharp.dll (runtimes/linux-x64/native or cpu/).
    static string? FindNativeDirectory()
    {
        var baseDir = Path.GetDirectoryName(typeof(torch).Assembly.Location) ?? AppContext.BaseDirectory;
        foreach (var candidate in new[] { Path.Combine(baseDir, "cpu"), Path.Combine(baseDir, "runtimes", "linux-x64", "native") })
            if (File.Exists(Path.Combine(candidate, "libtorch_cpu.so")))
                return candidate;
        return null;
    }

    static bool? ReadMklMarker(string? nativeDir)
    {
        if (nativeDir is null) return null;
        var marker = Path.Combine(nativeDir, "libtorch_cpu.so" + MarkerSuffix);
        if (!File.Exists(marker)) return null;
        using var doc = JsonDocument.Parse(File.ReadAllText(marker));
        return doc.RootElement.TryGetProperty("patched", out var p) && p.GetBoolean();
    }
}
