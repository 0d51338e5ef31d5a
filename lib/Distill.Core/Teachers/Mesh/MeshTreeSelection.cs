namespace Distill.Teachers.Mesh;

/// <summary>
/// Which MeSH tree branches give one entity type its terms. A descriptor is selected when at least one of its
/// tree numbers lies under an <see cref="Include"/> branch and under no <see cref="Exclude"/> branch, so a
/// descriptor filed under both a kept and a dropped branch (Obesity: C18 nutrition and C23.888 signs) stays for
/// the kept one. A branch is a tree letter ("C") or a tree number ("C23.888"); it covers itself and everything
/// below it.
/// </summary>
/// <param name="Include">Branches whose descriptors are kept.</param>
/// <param name="Exclude">Branches, below an included one, whose tree numbers do not count.</param>
public sealed record MeshTreeSelection(IReadOnlyList<string> Include, IReadOnlyList<string> Exclude)
{
    public bool Selects(IEnumerable<string> treeNumbers) =>
        treeNumbers.Any(t => Include.Any(b => IsUnder(t, b)) && !Exclude.Any(b => IsUnder(t, b)));

    /// <summary>Whether tree number <paramref name="tree"/> is <paramref name="branch"/> or below it.</summary>
    public static bool IsUnder(string tree, string branch) =>
        branch.Length == 1
            ? tree.Length > 0 && tree[0] == branch[0]
            : tree.StartsWith(branch, StringComparison.Ordinal) && (tree.Length == branch.Length || tree[branch.Length] == '.');

    /// <summary>Canonical text for fingerprints and logs: <c>+C,+F03,-C23.888</c>.</summary>
    public override string ToString() => string.Join(',', Include.Select(b => "+" + b).Concat(Exclude.Select(b => "-" + b)));
}
