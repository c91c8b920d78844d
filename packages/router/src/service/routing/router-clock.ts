/**
 * The router's time (ms): the system clock the store runs on, which reservation deadlines,
 * callback times and absences are on. Not the service's wall clock (`ctx.now`), which a demo
 * may shift or pin (`--time`) for the IVR's opening hours, audit entries and tickets.
 */
export const routerNow = (): number => Date.now();
