using System.Runtime.InteropServices;
using Distill.Runtime;

namespace Distill.Reporting;

/// <summary>The machine a run ran on.</summary>
public sealed record MachineDescription(string CpuModel, string CpuVendor, int LogicalCores, string OperatingSystem, string DotNet, string HostName)
{
    public static MachineDescription Current() => new(
        TorchRuntime.CpuModel(), TorchRuntime.CpuVendor(), Environment.ProcessorCount,
        RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, Environment.MachineName);
}
