using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Data;

/// <summary>Rows whose key is in a list of ids read elsewhere (a persona's customers): one rule for every table.</summary>
public static class IdLists
{
    /// <summary>
    /// How many ids go one parameter each: EF 10's default, with good plans for a few, but refused past the database's
    /// limit (SQLite: 32,766 per statement). Longer lists go as one parameter (json_each on SQLite, an array on PostgreSQL).
    /// </summary>
    public const int MaxParameters = 1_000;

    /// <summary>The rows whose <paramref name="key"/> is one of <paramref name="ids"/> (none for an empty list; a null key never).</summary>
    public static Expression<Func<T, bool>> Contains<T>(IReadOnlyCollection<Guid> ids, Expression<Func<T, Guid?>> key, int maxParameters = MaxParameters)
    {
        var list = ids.Distinct().Select(id => (Guid?)id).ToList();
        Expression<Func<Guid?, bool>> test = list.Count > maxParameters ? k => EF.Parameter(list).Contains(k) : k => list.Contains(k);
        var body = new Replace(test.Parameters[0], key.Body).Visit(test.Body);
        return Expression.Lambda<Func<T, bool>>(body, key.Parameters);
    }

    private sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
