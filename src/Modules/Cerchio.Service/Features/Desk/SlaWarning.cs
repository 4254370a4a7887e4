using System.Linq.Expressions;
using Cerchio.Service.Domain;

namespace Cerchio.Service.Features.Desk;

/// <summary>
/// When each case turns amber, at one instant: once the warning share (the policy's, 80 % by default) of its current target — first response
/// while none was given, then resolution — has run, that is when the business time left to its due instant is at most
/// the rest (20 %) of that target. The stored due instant already carries the pauses, so this is SlaClock's rule
/// computed from what the case stores: one bound per priority and type, the same for the row's colour and for the
/// "in scadenza" view the database selects.
/// </summary>
internal sealed class SlaWarning
{
    private readonly Dictionary<(CasePriority, CaseType), (DateTimeOffset FirstResponse, DateTimeOffset Resolution)> _limits;

    private SlaWarning(DateTimeOffset now, Dictionary<(CasePriority, CaseType), (DateTimeOffset, DateTimeOffset)> limits)
    {
        Now = now;
        _limits = limits;
        NearOrBreached = Predicate(limits);
    }

    public DateTimeOffset Now { get; }

    /// <summary>The cases near breach or past it: the "in scadenza o scadute" view.</summary>
    public Expression<Func<Case, bool>> NearOrBreached { get; }

    /// <summary>
    /// The selector with its second parameter standing for this instant's near-or-breached test of the case: lets one
    /// query count the due-soon cases alongside others (the inbox's counts) in the same pass.
    /// </summary>
    public Expression<Func<Case, T>> WithNearOrBreached<T>(Expression<Func<Case, bool, T>> selector)
    {
        var c = selector.Parameters[0];
        var test = new Rebind(NearOrBreached.Parameters[0], c).Visit(NearOrBreached.Body);
        return Expression.Lambda<Func<Case, T>>(new Rebind(selector.Parameters[1], test).Visit(selector.Body), c);
    }

    /// <param name="threshold">The policy's own (<see cref="SlaPolicy.WarningThreshold"/>) unless given.</param>
    public static SlaWarning At(DateTimeOffset now, BusinessCalendar calendar, SlaPolicy policy, double? threshold = null)
    {
        var share = 1 - (threshold ?? policy.WarningThreshold);
        var limits = new Dictionary<(CasePriority, CaseType), (DateTimeOffset, DateTimeOffset)>();
        foreach (var priority in Enum.GetValues<CasePriority>())
        {
            foreach (var type in Enum.GetValues<CaseType>())
            {
                var targets = policy.For(priority, type);
                limits[(priority, type)] = (
                    calendar.AddBusinessTime(now, targets.FirstResponse * share),
                    calendar.AddBusinessTime(now, targets.Resolution * share));
            }
        }

        return new SlaWarning(now, limits);
    }

    /// <summary>The case is near breach when due at or before this instant.</summary>
    public DateTimeOffset LimitFor(Case c) =>
        _limits.TryGetValue((c.Priority, c.Type), out var limit) ? c.FirstResponseAt is null ? limit.FirstResponse : limit.Resolution : Now;

    public SlaLevel LevelOf(Case c) => SlaWording.Level(c.SlaDueAt, Now, LimitFor(c));

    /// <summary>
    /// due ≤ limit(priority, type, first response given?), as one OR per priority (per priority and type only where the
    /// policy gives types their own targets), after a range on the due instant the (OrganizationId, SlaDueAt) index serves.
    /// </summary>
    private static Expression<Func<Case, bool>> Predicate(Dictionary<(CasePriority, CaseType), (DateTimeOffset First, DateTimeOffset Resolution)> limits)
    {
        var latest = limits.Values.Max(l => l.First > l.Resolution ? l.First : l.Resolution);
        Expression<Func<Case, bool>> result = c => c.SlaDueAt != null && c.SlaDueAt <= latest;
        Expression<Func<Case, bool>>? any = null;
        foreach (var byPriority in limits.GroupBy(l => l.Key.Item1))
        {
            var priority = byPriority.Key;
            var distinct = byPriority.Select(l => l.Value).Distinct().ToList();
            if (distinct.Count == 1)
            {
                var (first, resolution) = distinct[0];
                any = Or(any, c => c.Priority == priority
                    && ((c.FirstResponseAt == null && c.SlaDueAt <= first) || (c.FirstResponseAt != null && c.SlaDueAt <= resolution)));
                continue;
            }

            foreach (var ((_, type), (first, resolution)) in byPriority)
            {
                any = Or(any, c => c.Priority == priority && c.Type == type
                    && ((c.FirstResponseAt == null && c.SlaDueAt <= first) || (c.FirstResponseAt != null && c.SlaDueAt <= resolution)));
            }
        }

        return And(result, any!);
    }

    private static Expression<Func<Case, bool>> Or(Expression<Func<Case, bool>>? left, Expression<Func<Case, bool>> right) =>
        left is null ? right : Combine(left, right, Expression.OrElse);

    private static Expression<Func<Case, bool>> And(Expression<Func<Case, bool>> left, Expression<Func<Case, bool>> right) =>
        Combine(left, right, Expression.AndAlso);

    private static Expression<Func<Case, bool>> Combine(Expression<Func<Case, bool>> left, Expression<Func<Case, bool>> right,
        Func<Expression, Expression, BinaryExpression> join)
    {
        var c = left.Parameters[0];
        var body = new Rebind(right.Parameters[0], c).Visit(right.Body);
        return Expression.Lambda<Func<Case, bool>>(join(left.Body, body), c);
    }

    /// <summary>Puts an expression (another parameter, or a whole test) where a parameter was.</summary>
    private sealed class Rebind(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
