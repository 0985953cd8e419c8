/** The course's rule: a comment mentioning "orange", in any case, is rejected. */
export function moderate(content: string): 'approved' | 'rejected' {
  return /orange/i.test(content) ? 'rejected' : 'approved';
}
