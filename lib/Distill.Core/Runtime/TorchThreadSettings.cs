using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Distill.Runtime;

/// <summary>
/// Makes libtorch's OpenMP worker threads sleep instead of spin while they wait (issue 16): sets
/// <c>OMP_WAIT_POLICY=PASSIVE</c> in the native environment before libtorch (and its libgomp, which reads the variable
/// once, when it loads) is loaded, unless the user set the variable. By default libgomp spins in every barrier; on a
/// machine whose cores are shared (here: 2 cores, 4-5 engineers), a spinning worker holds a core that the thread it
/// waits for needs, and one MiniLM forward of 512 pieces took 736 ms of CPU time instead of 183 ms (1.6 s wall instead of
/// 0.3 s; <c>distill bench --vs-onnxruntime</c>, same process as ONNX Runtime, whose threads do not spin either).
/// </summary>
public static class TorchThreadSettings
{
    public const string WaitPolicyVariable = "OMP_WAIT_POLICY";
    public const string WaitPolicy = "PASSIVE";

    [DllImport("libc", EntryPoint = "setenv")]
    static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);

    [DllImport("libc", EntryPoint = "getenv")]
    static extern IntPtr GetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    /// <summary>The wait policy libgomp sees (the native environment, which .NET's own copy does not update on Linux).</summary>
    public static string? NativeWaitPolicy =>
        OperatingSystem.IsLinux() ? Marshal.PtrToStringUTF8(GetEnv(WaitPolicyVariable)) : Environment.GetEnvironmentVariable(WaitPolicyVariable);

    /// <summary>Sets the wait policy unless it is set already; idempotent. Runs when this assembly loads.</summary>
#pragma warning disable CA2255 // A library module initializer on purpose: it must run before any code of the library loads libtorch.
    [ModuleInitializer]
#pragma warning restore CA2255
    public static void Apply()
    {
        if (!OperatingSystem.IsLinux()) return;
        SetEnv(WaitPolicyVariable, WaitPolicy, overwrite: 0);
    }
}
