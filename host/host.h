/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The host layer's face to the rest of mmsim: the backends that run a
 * scenario on a real kernel.  Today the live kernel of this machine
 * (host/kernel*.c); a kernel in a VM will be another.
 */
#ifndef MMSIM_HOST_HOST_H
#define MMSIM_HOST_HOST_H

struct sim_backend;

/*
 * The live kernel of this machine as a scenario backend (the ops of
 * scenario/backend.h), or NULL and a reason in @why if this machine
 * cannot run it (not root, no PFNs in pagemap, ...).
 */
struct sim_backend *sim_backend_kernel_create(const char **why);

/*
 * The kernel of a VM (--target vm:VERSION, host/vm.c): the same backend,
 * run in a guest booted once per process.  sim_vm_set_target() names the
 * kernel first (-EINVAL: no such target).
 */
int sim_vm_set_target(const char *version);
struct sim_backend *sim_backend_vm_create(const char **why);
/* The guest's side: mmsim as the guest's init (never returns). */
void sim_vm_guest_main(void) __attribute__((noreturn));

#endif /* MMSIM_HOST_HOST_H */
