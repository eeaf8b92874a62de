import Link from 'next/link';
import { redirect } from 'next/navigation';
import { currentUser } from '@/server/auth/session';

export default async function Home() {
  if (await currentUser()) redirect('/generate');
  return (
    <section className="mx-auto mt-16 max-w-2xl text-center">
      <h1 className="text-4xl font-semibold tracking-tight">Images from words, on your own machine.</h1>
      <p className="mt-4 text-zinc-400">
        Kumori is a self-hosted image studio: type a prompt, watch it form step by step, and keep everything in your own gallery.
      </p>
      <div className="mt-8 flex justify-center gap-3">
        <Link href="/signup" className="rounded-md bg-accent px-5 py-2.5 font-medium text-white hover:bg-accent-strong">Create an account</Link>
        <Link href="/signin" className="rounded-md border border-edge px-5 py-2.5 hover:bg-edge">Sign in</Link>
      </div>
    </section>
  );
}
