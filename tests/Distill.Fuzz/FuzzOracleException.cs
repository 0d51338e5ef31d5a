namespace Distill.Fuzz;

/// <summary>
/// An input the parser answered wrongly without an unexpected exception of its own: memory past the harness's bound,
/// or a user error whose message is not one line naming the file. Reported to afl-fuzz as a crash.
/// </summary>
public sealed class FuzzOracleException(string message, Exception? inner = null) : Exception(message, inner);
