namespace Distill.Fuzz;

/// <summary>
/// One parser under the fuzzer. <see cref="Run"/> feeds it an input as a user would hand it over (a file in the
/// scratch folder); an exception <see cref="IsUserError"/> accepts is the parser's documented answer to bad input,
/// and anything else that escapes is a crash, as is an input past the time (afl-fuzz -t) or memory limit.
/// </summary>
/// <param name="Name">The name environment/fuzz.sh and the seed folder use (Seeds/&lt;Name&gt;/).</param>
/// <param name="UserErrors">The documented user-error types, as written in the README table.</param>
/// <param name="IsUserError">True for an exception the CLI turns into one clear line (exit 2).</param>
/// <param name="Run">Parses <c>input</c>, using the scratch folder for any file it needs.</param>
public sealed record FuzzTarget(string Name, string UserErrors, Func<Exception, bool> IsUserError, Action<byte[], ScratchFolder> Run);
