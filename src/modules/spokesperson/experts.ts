// What other modules call to attach policy-interpretation experts (press events, 专家解读): the
// experts in the library and filed with the press office, id + name + field (no contact data).
export { listActiveExperts } from './repo.ts';
