/** The comparison operators the Sigma correlation spec allows in `condition`. */
export const COUNT_OPERATORS = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'] as const;
export type CountOperator = (typeof COUNT_OPERATORS)[number];

/** A conjunction of comparisons (`gt: 100, lte: 200` is a range). */
export interface CountCondition {
  terms: { operator: CountOperator; value: number }[];
  /**
   * True when the condition can only turn from false to true as the count grows (`gt`/`gte` only).
   * Such conditions are decided the moment an event arrives; the others need the window to close.
   */
  monotone: boolean;
}

export function countCondition(terms: { operator: CountOperator; value: number }[]): CountCondition {
  return { terms, monotone: terms.every((term) => term.operator === 'gt' || term.operator === 'gte') };
}

export function satisfies(condition: CountCondition, count: number): boolean {
  return condition.terms.every(({ operator, value }) => {
    switch (operator) {
      case 'gt':
        return count > value;
      case 'gte':
        return count >= value;
      case 'lt':
        return count < value;
      case 'lte':
        return count <= value;
      case 'eq':
        return count === value;
      case 'neq':
        return count !== value;
    }
  });
}
