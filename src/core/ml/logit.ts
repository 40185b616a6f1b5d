/** Log-odds of a probability. */
export const logit = (p: number) => Math.log(p / (1 - p));
